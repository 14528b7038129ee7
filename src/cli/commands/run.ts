import type { Command } from "commander";
import { openStore } from "../../store/index.ts";
import { configOf } from "../context.ts";

interface RunOptions {
  db?: string;
}

/** `sigmeet run`: the live Matrix meeting bot, until SIGTERM or SIGINT. */
export function registerRun(program: Command): void {
  program
    .command("run")
    .description(
      "run the Matrix meeting bot in the configured rooms (token from $SIGMEET_MATRIX_TOKEN or matrix.tokenEnv)",
    )
    .option("--db <file>", "SQLite database (default: the config's db, ./sigmeet.db)")
    .addHelpText(
      "after",
      `
Needs a config with a matrix section (homeserverUrl, rooms; see config/sigmeet.example.yaml):
  sigmeet --config sigmeet.yaml run
Minutes and logs are written under matrix.minutesDir; meetings, items and the bot's state go to
the SQLite database, so a restarted bot carries on where it stopped.`,
    )
    .action(async (options: RunOptions, command: Command) => {
      const config = configOf(command);
      const store = openStore(options.db ?? config.db);
      const log = (line: string): void => {
        process.stderr.write(`sigmeet run: ${line}\n`);
      };
      try {
        const { startBot } = await import("../../bot/start-bot.ts");
        const running = await startBot({ config, store, env: process.env, log });
        await new Promise<void>((resolve) => {
          const stop = (): void => {
            log("stopping");
            void running.stop().then(resolve);
          };
          process.once("SIGTERM", stop);
          process.once("SIGINT", stop);
        });
      } finally {
        store.close();
      }
    });
}
