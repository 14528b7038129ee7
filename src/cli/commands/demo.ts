import type { Command } from "commander";
import { join } from "node:path";
import { renderMeeting } from "../../app/render-meeting.ts";
import { aliasMap, ownersOf } from "../../core/owners.ts";
import { readLogFile } from "../../io/read-log-file.ts";
import { openStore } from "../../store/index.ts";
import { configOf } from "../context.ts";
import { importLogs } from "./import.ts";
import { packageRoot } from "../package-root.ts";

const DEMO_LOG = "fixtures/demo/magazine.2020-06-10-12.02.log.txt";

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description(
      "import a bundled real Fedora meeting log, print its minutes and items, store them in SQLite",
    )
    .option("--db <file>", "SQLite database (default ./sigmeet.db)")
    .action((options: { db?: string }, command: Command) => {
      const config = configOf(command);
      const aliases = aliasMap(config.identities);
      const path = join(packageRoot(), DEMO_LOG);
      const log = readLogFile(path, { channel: "#fedora-meeting", bots: config.bots });
      const meeting = log.meetings[0];
      if (meeting === undefined) throw new Error(`${path}: the demo log holds no meeting`);
      const out = process.stdout;
      out.write(
        `# Minutes, regenerated from ${DEMO_LOG} exactly as Fedora's bot published them\n\n`,
      );
      out.write(renderMeeting(meeting, "text", { aliases, logUrlBase: config.logUrlBase }));
      out.write("\n# Items sigmeet found\n\n");
      for (const item of meeting.items) {
        if (item.kind === "action") {
          const owners = ownersOf(item, meeting.attendees, aliases);
          out.write(
            `ACTION  ${item.text}  -> ${owners.length > 0 ? owners.join(", ") : "(unassigned)"}\n`,
          );
        } else if (item.kind === "agreed" || item.kind === "accepted" || item.kind === "rejected") {
          out.write(`${item.kind.toUpperCase().padEnd(7)} ${item.text}\n`);
        }
      }
      const db = options.db ?? config.db;
      const summary = importLogs([path], db, {
        channel: "#fedora-meeting",
        bots: config.bots,
        aliases,
      });
      const store = openStore(db);
      const stats = store.stats();
      store.close();
      const m = summary.meetings;
      out.write(
        `\n# Stored in ${db}: ${m.inserted > 0 ? "imported now" : "already there, unchanged"}; ` +
          `the store holds ${count(stats.meetings, "meeting")}, ${count(stats.actions, "action")} ` +
          `(${stats.openActions} open), ${count(stats.decisions, "decision")}, ${count(stats.lines, "log line")}.\n` +
          `# Next: sigmeet items --open --db ${db}   or   sigmeet search discourse --db ${db}\n`,
      );
    });
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
