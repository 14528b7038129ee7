import type { Command } from "commander";
import { openStore } from "../../store/index.ts";
import { configOf } from "../context.ts";

interface SearchOptions {
  limit: string;
  json?: boolean;
  db?: string;
}

export function registerSearch(program: Command): void {
  program
    .command("search")
    .description("full-text search over minutes items and log lines of imported meetings")
    .argument(
      "<text...>",
      "words to look for (all must occur); quotes and operators are taken literally",
    )
    .option("-n, --limit <n>", "at most this many hits", "50")
    .option("--json", "one JSON object per line")
    .option("--db <file>", "SQLite database (default ./sigmeet.db)")
    .action((words: string[], options: SearchOptions, command: Command) => {
      const config = configOf(command);
      const limit = Number.parseInt(options.limit, 10);
      const store = openStore(options.db ?? config.db);
      try {
        const hits = store.search(
          words.join(" "),
          Number.isFinite(limit) && limit > 0 ? limit : 50,
        );
        for (const hit of hits) {
          const where = `${hit.date} ${hit.time} ${hit.meetingName}`;
          const what = hit.kind === "item" ? (hit.itemKind ?? "item").toUpperCase() : "line";
          process.stdout.write(
            options.json === true
              ? `${JSON.stringify(hit)}\n`
              : `${where} ${what} <${hit.nick}> ${hit.snippet}\n`,
          );
        }
        if (hits.length === 0 && options.json !== true)
          process.stderr.write("sigmeet: nothing found\n");
      } finally {
        store.close();
      }
    });
}
