import type { SyncLink, SyncState } from "../store/sync-state.ts";
import type { IssueState } from "../trackers/tracker.ts";

/**
 * Brings a tracker-side state change home: an issue closed marks its action done, reopened marks
 * it open again. The tracker wins over the last synced state (people close issues there). Used by
 * polling and by webhooks; one transaction, so the link and the item never disagree.
 * Returns true when something changed.
 */
export function applyRemoteState(
  state: SyncState,
  link: SyncLink,
  remote: IssueState,
  itemId: number | null,
): boolean {
  if (link.kind !== "issue" || link.remoteState === remote) return false;
  state.transaction(() => {
    // A decision's issue is a record: its state belongs to people once it was closed.
    const withdrawnOrDecision = link.withdrawn || link.itemKind === "decision";
    const status = remote === "closed" ? "done" : "open";
    if (!withdrawnOrDecision && itemId !== null) state.setItemStatus(itemId, status);
    state.saveLink({
      ...link,
      remoteState: remote,
      syncedStatus: withdrawnOrDecision ? link.syncedStatus : status,
    });
  });
  return true;
}
