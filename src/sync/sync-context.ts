import type { SyncState } from "../store/sync-state.ts";
import type { Tracker } from "../trackers/tracker.ts";
import type { WriteBudget } from "./budget.ts";
import type { DesiredItem } from "./desired.ts";
import type { IssueTarget } from "./issue-reference.ts";

/** What one tracker's sync run works with, passed to its steps. */
export interface SyncContext {
  readonly state: SyncState;
  readonly tracker: Tracker;
  readonly target: IssueTarget;
  readonly budget: WriteBudget;
  /** The label that marks the bot's action issues (polled for state changes). */
  readonly pollLabel: string;
  readonly log: (line: string) => void;
  readonly report: TrackerReport;
  /** Desired items by sync id (set once planning has computed them). */
  desired: Map<string, DesiredItem>;
}

export interface ItemFailure {
  /** Null for a failure of the whole tracker. */
  readonly syncId: string | null;
  readonly item: string;
  readonly error: string;
}

/** What a run did to one tracker; printed by `sigmeet sync`. */
export interface TrackerReport {
  readonly tracker: string;
  created: number;
  commented: number;
  updated: number;
  assigned: number;
  closed: number;
  reopened: number;
  withdrawn: number;
  /** Local action statuses changed because the tracker's issue was closed or reopened. */
  pulled: number;
  /** Issues found by marker and linked instead of created again (after a crash or lost DB). */
  adopted: number;
  /** Extra issues for one item, closed as duplicates. */
  duplicatesClosed: number;
  /** Links moved to an item's new sync id (its log line moved). */
  moved: number;
  labelsCreated: number;
  /** Planned writes left for a later run (hour budget spent or tracker asked us to back off). */
  deferred: number;
  failures: ItemFailure[];
  /** Why the run stopped writing to this tracker early, if it did. */
  stoppedBecause: string | null;
}

export function emptyReport(tracker: string): TrackerReport {
  return {
    tracker,
    created: 0,
    commented: 0,
    updated: 0,
    assigned: 0,
    closed: 0,
    reopened: 0,
    withdrawn: 0,
    pulled: 0,
    adopted: 0,
    duplicatesClosed: 0,
    moved: 0,
    labelsCreated: 0,
    deferred: 0,
    failures: [],
    stoppedBecause: null,
  };
}
