import type { Command } from "commander";
import { EXIT } from "../exit-codes.ts";

/** `sigmeet run`: the live Matrix bot. It arrives with the bot issue; until then it says so. */
export function registerRun(program: Command): void {
  program
    .command("run")
    .description("run the Matrix meeting bot (not yet available in this version)")
    .action(() => {
      process.stderr.write(
        "sigmeet run: the live Matrix bot is not available in this version yet; " +
          "use `sigmeet minutes` and `sigmeet import` on meeting logs.\n",
      );
      process.exitCode = EXIT.failure;
    });
}
