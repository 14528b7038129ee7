import type { SyncLink } from "../store/sync-state.ts";
import type { RemoteIssue } from "../trackers/tracker.ts";

/** The link for an issue sigmeet created (or found by its marker). */
export function newLink(
  tracker: string,
  syncId: string,
  meetingKey: string,
  itemKind: "action" | "decision",
  issue: RemoteIssue,
  pushed: {
    pushedHash: string;
    textHash: string;
    assignees: readonly string[];
    note?: string | null;
  },
): Omit<SyncLink, "createdAt" | "updatedAt"> {
  return {
    syncId,
    tracker,
    meetingKey,
    kind: "issue",
    itemKind,
    number: issue.number,
    url: issue.url,
    pushedHash: pushed.pushedHash,
    textHash: pushed.textHash,
    assignees: pushed.assignees,
    remoteState: issue.state,
    // An action's issue starts open (and so does the action); a decision's is closed once next.
    syncedStatus: itemKind === "action" ? (issue.state === "closed" ? "done" : "open") : null,
    withdrawn: false,
    note: pushed.note ?? null,
  };
}
