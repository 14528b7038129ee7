import type { Config } from "../config/schema.ts";
import type { TrackerConfig } from "../config/tracker-schema.ts";
import type { SyncState } from "../store/sync-state.ts";
import { TrackerError, type Tracker } from "../trackers/tracker.ts";
import { applyOps } from "./apply.ts";
import { realClock, WriteBudget, type BudgetClock } from "./budget.ts";
import { desiredItems, type DesiredItem } from "./desired.ts";
import { planSync, type PlannedOp } from "./plan.ts";
import { poll } from "./poll.ts";
import { reconcile } from "./reconcile.ts";
import { emptyReport, type SyncContext, type TrackerReport } from "./sync-context.ts";
import { issueTarget, trackerTakes } from "./tracker-target.ts";

export interface ConfiguredTracker {
  readonly config: TrackerConfig;
  readonly tracker: Tracker;
}

export interface SyncOptions {
  readonly state: SyncState;
  readonly config: Pick<Config, "accounts" | "logUrlBase" | "urls" | "sync">;
  readonly trackers: readonly ConfiguredTracker[];
  readonly clock?: BudgetClock;
  readonly log?: (line: string) => void;
}

/** A later pass in the same run picks up follow-ups (closing a decision's new issue). */
const MAX_PASSES = 3;

/** A tracker as planning needs it: no adapter, no token, no network. */
export interface PlannedTracker {
  readonly config: TrackerConfig;
  readonly key: string;
}

/**
 * What `--dry-run` shows: per tracker, the ops a run would start with, from the store alone.
 * (A real run first pulls the tracker's changes, which may change the plan.)
 */
export function planAll(
  options: Pick<SyncOptions, "state" | "config">,
  trackers: readonly PlannedTracker[],
): PlannedOp[][] {
  return trackers.map((t) => {
    const { desired, scope } = desiredFor(options, t);
    return planSync(desired, options.state.links(t.key), scope);
  });
}

function desiredFor(
  options: Pick<SyncOptions, "state" | "config">,
  t: { readonly config: TrackerConfig },
): { desired: DesiredItem[]; scope: Set<string> } {
  const target = issueTarget(t.config);
  const desired = desiredItems(options.state.candidates(), t.config, target, options.config);
  const scope = new Set(
    options.state
      .meetings()
      .filter((m) => trackerTakes(t.config, m))
      .map((m) => m.key),
  );
  return { desired, scope };
}

/**
 * One sync run over every configured tracker: settle what an interrupted run left, pull the
 * tracker's changes, then plan and apply, in passes until nothing is left (or the budget says
 * stop). A tracker that cannot be read is reported and skipped; the others go on.
 */
export async function runSync(options: SyncOptions): Promise<TrackerReport[]> {
  const reports: TrackerReport[] = [];
  for (const t of options.trackers) {
    const report = emptyReport(t.tracker.label);
    reports.push(report);
    const ctx: SyncContext = {
      state: options.state,
      tracker: t.tracker,
      target: issueTarget(t.config),
      budget: new WriteBudget(
        options.state,
        options.config.sync.budget,
        options.clock ?? realClock,
      ),
      pollLabel: t.config.labels.action[0] ?? "meeting-action",
      log: options.log ?? (() => undefined),
      report,
      desired: new Map(),
    };
    try {
      await syncTracker(options, t, ctx);
    } catch (error) {
      if (!(error instanceof TrackerError)) throw error;
      report.failures.push({ syncId: null, item: t.tracker.label, error: error.message });
      report.stoppedBecause = `${t.tracker.label} could not be read: ${error.message}`;
    }
  }
  return reports;
}

async function syncTracker(
  options: SyncOptions,
  t: ConfiguredTracker,
  ctx: SyncContext,
): Promise<void> {
  await reconcile(ctx);
  ctx.desired = new Map(desiredFor(options, t).desired.map((d) => [d.syncId, d]));
  await poll(ctx);
  const skip = new Set<string>();
  for (let pass = 0; pass < MAX_PASSES && ctx.report.stoppedBecause === null; pass++) {
    // Planned from the store each pass: the last pass's links, and statuses the poll pulled in.
    const { desired, scope } = desiredFor(options, t);
    const ops = planSync(desired, options.state.links(t.tracker.key), scope).filter(
      (op) => !skip.has(op.op === "withdraw" ? op.link.syncId : op.item.syncId),
    );
    if (ops.length === 0) break;
    for (const id of await applyOps(ctx, ops)) skip.add(id);
  }
  // An unknown outcome in this run (a 502 after a create) is settled now rather than next run.
  if (ctx.state.pendingOps(t.tracker.key).length > 0) await reconcile(ctx);
}
