import type { Command } from "commander";
import { openStore } from "../../store/index.ts";
import { describeOp } from "../../sync/plan.ts";
import { trackerKey, trackerLabel } from "../../sync/tracker-target.ts";
import { formatReport } from "../../sync/report.ts";
import { planAll, runSync } from "../../sync/run-sync.ts";
import { withSyncLock } from "../../sync/sync-lock.ts";
import { configOf } from "../context.ts";
import { ConfigError } from "../../config/load-config.ts";
import { EXIT } from "../exit-codes.ts";

interface SyncOptions {
  dryRun?: boolean;
  db?: string;
  json?: boolean;
}

/** GitHub's secondary limits for content creation. */
const GITHUB_LIMITS = { perMinute: 80, perHour: 500 };

export function registerSync(program: Command): void {
  program
    .command("sync")
    .description(
      "sync action items and decisions to the configured trackers (GitHub, Pagure), exactly once, and bring their state back",
    )
    .option(
      "-n, --dry-run",
      "print what would be created, updated, commented and closed; write nothing",
    )
    .option("--db <file>", "SQLite database (default ./sigmeet.db)")
    .option("--json", "print the run's report as JSON")
    .action(async (options: SyncOptions, command: Command) => {
      const config = configOf(command);
      if (config.trackers.length === 0)
        throw new ConfigError(
          "trackers: none configured; add one to the config (see config/sigmeet.example.yaml)",
        );
      const store = openStore(options.db ?? config.db);
      try {
        if (options.dryRun === true) {
          const plans = planAll(
            { state: store.sync, config },
            config.trackers.map((t) => ({ config: t, key: trackerKey(t) })),
          );
          config.trackers.forEach((t, i) => {
            const ops = plans[i] ?? [];
            const pending = store.sync.pendingOps(trackerKey(t)).length;
            process.stdout.write(`${trackerLabel(t)}: ${String(ops.length)} operations planned\n`);
            for (const op of ops) process.stdout.write(`  ${describeOp(op, trackerLabel(t))}\n`);
            if (pending > 0)
              process.stdout.write(
                `  (${String(pending)} interrupted operations are checked against the tracker first)\n`,
              );
          });
          return;
        }
        const budget = config.sync.budget;
        if (
          config.trackers.some((t) => t.type === "github") &&
          (budget.perMinute > GITHUB_LIMITS.perMinute || budget.perHour > GITHUB_LIMITS.perHour)
        ) {
          process.stderr.write(
            `sigmeet: warning: sync.budget (${String(budget.perMinute)}/min, ${String(budget.perHour)}/h) is above GitHub's secondary limits (80/min, 500/h)\n`,
          );
        }
        const log = (line: string): void => {
          process.stderr.write(`sigmeet: ${line}\n`);
        };
        // Loaded here: the HTTP clients are needed by this command only.
        const { openTrackers } = await import("../../sync/open-trackers.ts");
        const trackers = openTrackers(config, {
          env: process.env,
          cache: store.sync.httpCache(),
          log,
        });
        const run = await withSyncLock(store.sync, () =>
          runSync({ state: store.sync, config, trackers, log }),
        );
        if (run.busy !== null) {
          throw new ConfigError(
            `another sigmeet sync is running on ${store.path} (${run.busy}); try again when it is done`,
          );
        }
        const reports = run.result;
        if (options.json === true) process.stdout.write(`${JSON.stringify(reports)}\n`);
        else for (const r of reports) process.stdout.write(`${formatReport(r).join("\n")}\n`);
        if (reports.some((r) => r.failures.length > 0)) process.exitCode = EXIT.failure;
      } finally {
        store.close();
      }
    });
}
