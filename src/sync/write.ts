import type { SyncOpKind } from "../store/sync-state.ts";
import { TrackerError } from "../trackers/tracker.ts";
import type { SyncContext } from "./sync-context.ts";

/**
 * Takes one write from the budget, waiting out the minute window. False (and the run stops
 * writing to this tracker) once the hour's budget is spent.
 */
export async function takeWrite(ctx: SyncContext): Promise<boolean> {
  if (ctx.report.stoppedBecause !== null) return false;
  if (await ctx.budget.take(ctx.tracker.key)) return true;
  ctx.report.stoppedBecause = "the hourly write budget is spent; the rest waits for a later run";
  return false;
}

/**
 * One tracker write through the outbox: the intent is committed before the call, the result
 * (`after`, e.g. the new link) together with the op's completion after it. A TrackerError is
 * recorded against the item and reported, not thrown: other items go on. An unknown outcome
 * stays "unknown" for reconcile(); a limit the tracker insists on stops writing for this run.
 */
export async function tryWrite<T>(
  ctx: SyncContext,
  syncId: string,
  op: SyncOpKind,
  detail: object,
  call: () => Promise<T>,
  after?: (result: T) => void,
  describe?: string,
): Promise<boolean> {
  const id = ctx.state.beginOp({
    syncId,
    tracker: ctx.tracker.key,
    op,
    detail: JSON.stringify(detail),
  });
  let result: T;
  try {
    result = await call();
  } catch (error) {
    if (!(error instanceof TrackerError)) {
      ctx.state.failOp(id, "unknown", `unexpected error: ${String(error)}`);
      throw error;
    }
    ctx.state.failOp(id, error.outcome === "unknown" ? "unknown" : "failed", error.message);
    ctx.report.failures.push({ syncId, item: describe ?? syncId, error: error.message });
    if (error.outcome === "retry-later") {
      const wait =
        error.retryAfterS === null ? "" : ` (asked to wait ${String(error.retryAfterS)} s)`;
      ctx.report.stoppedBecause = `${ctx.tracker.label} asked us to back off${wait}: ${error.message}`;
    }
    return false;
  }
  ctx.state.finishOp(
    id,
    after === undefined
      ? undefined
      : () => {
          after(result);
        },
  );
  return true;
}
