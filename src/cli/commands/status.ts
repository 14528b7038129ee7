import type { Command } from "commander";
import { openStore } from "../../store/index.ts";
import { formatStatus, syncStatus } from "../../sync/status.ts";
import { configOf } from "../context.ts";

interface StatusOptions {
  db?: string;
  json?: boolean;
  problems?: boolean;
}

export function registerStatus(program: Command): void {
  program
    .command("status")
    .description("list synced items with their issue URL, their state here and on the tracker")
    .option("--db <file>", "SQLite database (default ./sigmeet.db)")
    .option("--problems", "only items whose last sync failed or that are not synced yet")
    .option("--json", "one JSON object per line")
    .action((options: StatusOptions, command: Command) => {
      const config = configOf(command);
      const store = openStore(options.db ?? config.db);
      try {
        const rows = syncStatus(store.sync, config).filter(
          (s) => options.problems !== true || s.problem !== null || s.url === null,
        );
        if (options.json === true) {
          for (const row of rows) process.stdout.write(`${JSON.stringify(row)}\n`);
          return;
        }
        if (config.trackers.length === 0) {
          process.stderr.write("sigmeet: no trackers configured, so nothing is synced\n");
          return;
        }
        process.stdout.write("HERE     TRACKER  ISSUE  ITEM\n");
        for (const row of rows) process.stdout.write(`${formatStatus(row)}\n`);
        const synced = rows.filter((r) => r.url !== null).length;
        process.stderr.write(`sigmeet: ${String(synced)} of ${String(rows.length)} items synced\n`);
      } finally {
        store.close();
      }
    });
}
