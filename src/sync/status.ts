import type { Config } from "../config/schema.ts";
import type { SyncState } from "../store/sync-state.ts";
import { desiredItems } from "./desired.ts";
import { issueTarget, trackerKey, trackerLabel } from "./tracker-target.ts";

/** One tracked item as `sigmeet status` shows it. */
export interface ItemStatus {
  readonly syncId: string;
  readonly tracker: string;
  readonly item: string;
  readonly kind: "action" | "decision";
  /** Actions: open or done here; decisions: null. */
  readonly status: "open" | "done" | null;
  /** Null until synced. */
  readonly url: string | null;
  readonly trackerState: "open" | "closed" | "comment" | null;
  /** Why the last attempt failed, or a note (assignees refused). */
  readonly problem: string | null;
}

/** Every item the configured trackers take, with where it stands. Reads the store only. */
export function syncStatus(state: SyncState, config: Config): ItemStatus[] {
  const problems = state.problems();
  const rows = state.candidates();
  const out: ItemStatus[] = [];
  for (const t of config.trackers) {
    const key = trackerKey(t);
    for (const d of desiredItems(rows, t, issueTarget(t), config)) {
      const link = state.link(d.syncId);
      const linked = link?.tracker === key ? link : undefined;
      const failure = problems.get(d.syncId);
      out.push({
        syncId: d.syncId,
        tracker: trackerLabel(t),
        item: d.describe,
        kind: d.kind,
        status: d.status,
        url: linked === undefined ? null : linked.url,
        trackerState:
          linked === undefined ? null : linked.kind === "comment" ? "comment" : linked.remoteState,
        problem:
          failure !== undefined
            ? `${failure.op} ${failure.state === "failed" ? "failed" : "outcome unknown"}: ${failure.error ?? "interrupted"}`
            : (linked?.note ?? null),
      });
    }
  }
  return out;
}

/** A line per item: state here, state there, link, item, problem. */
export function formatStatus(s: ItemStatus): string {
  const here = (s.status ?? "decision").padEnd(8);
  const there = (s.trackerState ?? "unsynced").padEnd(8);
  const url = s.url ?? "-";
  const problem = s.problem === null ? "" : `  ! ${s.problem}`;
  return `${here} ${there} ${url}  ${s.item}${problem}`;
}
