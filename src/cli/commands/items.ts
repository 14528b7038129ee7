import { Option, type Command } from "commander";
import { openStore } from "../../store/index.ts";
import type { ItemRow } from "../../store/index.ts";
import { configOf } from "../context.ts";

interface ItemsOptions {
  kind?: "action" | "decision";
  open?: boolean;
  meeting?: string;
  owner?: string;
  limit: string;
  json?: boolean;
  db?: string;
}

export function registerItems(program: Command): void {
  program
    .command("items")
    .description("list action items and decisions from imported meetings")
    .addOption(
      new Option(
        "-k, --kind <kind>",
        "only actions, or only decisions (agreed/accepted/rejected)",
      ).choices(["action", "decision"]),
    )
    .option("--open", "only action items that are still open")
    .option("-m, --meeting <name>", "only meetings with this file name name (e.g. magazine)")
    .option("--owner <who>", "only actions owned by this person")
    .option("-n, --limit <n>", "at most this many", "1000")
    .option("--json", "one JSON object per line")
    .option("--db <file>", "SQLite database (default ./sigmeet.db)")
    .action((options: ItemsOptions, command: Command) => {
      const config = configOf(command);
      const limit = Number.parseInt(options.limit, 10);
      const store = openStore(options.db ?? config.db);
      try {
        const rows = store.listItems({
          ...(options.kind === undefined ? {} : { kind: options.kind }),
          ...(options.open === true ? { open: true, kind: "action" as const } : {}),
          ...(options.meeting === undefined ? {} : { meetingName: options.meeting }),
          ...(options.owner === undefined ? {} : { owner: options.owner }),
          limit: Number.isFinite(limit) && limit > 0 ? limit : 1000,
        });
        const out = rows.map((row) =>
          options.json === true ? JSON.stringify(row) : formatItem(row),
        );
        if (out.length > 0) process.stdout.write(`${out.join("\n")}\n`);
        else if (options.json !== true) process.stderr.write("sigmeet: no items match\n");
      } finally {
        store.close();
      }
    });
}

/** One line per item: date, meeting, kind, text, owners, status. */
export function formatItem(row: ItemRow): string {
  const owners = row.owners.length > 0 ? ` [${row.owners.join(", ")}]` : "";
  const status = row.status === null ? "" : ` (${row.status})`;
  return `${row.date} ${row.meetingName} ${row.kind.toUpperCase()}: ${row.text}${owners}${status}`;
}
