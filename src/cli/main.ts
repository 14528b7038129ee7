#!/usr/bin/env -S node --max-semi-space-size=16
// The V8 flag caps the young generation: V8's default grew it to ~100 MB of garbage strings during
// a large import (peak RSS 250 MB instead of 150 MB) and made it no faster (docs/benchmarks.md).
import { Command, CommanderError, Option } from "commander";
import { ConfigError } from "../config/load-config.ts";
import { EXIT, UsageError } from "./exit-codes.ts";
import { packageVersion } from "./package-root.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerImport } from "./commands/import.ts";
import { registerItems } from "./commands/items.ts";
import { registerMinutes } from "./commands/minutes.ts";
import { registerRun } from "./commands/run.ts";
import { registerSearch } from "./commands/search.ts";
import { registerStatus } from "./commands/status.ts";
import { registerSync } from "./commands/sync.ts";
import { registerWebhooks } from "./commands/webhooks.ts";

const program = new Command("sigmeet")
  .description("Meeting minutes, action items and decisions for Fedora SIG meetings")
  .version(packageVersion(), "-V, --version")
  .addOption(
    new Option("-c, --config <file>", "YAML configuration (see config/sigmeet.example.yaml)"),
  )
  .showHelpAfterError("(run with --help for usage)")
  .exitOverride();

registerDemo(program);
registerMinutes(program);
registerImport(program);
registerItems(program);
registerSearch(program);
registerSync(program);
registerStatus(program);
registerWebhooks(program);
registerRun(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version end here too, with code 0.
    process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (err instanceof UsageError) {
    process.stderr.write(`sigmeet: ${err.message}\n`);
    process.exitCode = EXIT.usage;
  } else if (err instanceof ConfigError) {
    process.stderr.write(`sigmeet: ${err.message}\n`);
    process.exitCode = EXIT.failure;
  } else {
    process.stderr.write(`sigmeet: ${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env["SIGMEET_DEBUG"] !== undefined && err instanceof Error)
      process.stderr.write(`${err.stack ?? ""}\n`);
    process.exitCode = EXIT.failure;
  }
}
