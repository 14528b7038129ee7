import type { Config } from "../config/schema.ts";
import type { SyncState } from "../store/sync-state.ts";
import type { InboundIssueEvent } from "../webhooks/inbound-event.ts";
import { itemSyncId } from "../render/issue-draft.ts";
import { meetingRefOf } from "./desired.ts";
import { applyRemoteState } from "./inbound.ts";
import { trackerKey, trackerTakes } from "./tracker-target.ts";

/** What a webhook delivery did, for the server's log line. */
export type WebhookOutcome =
  "state brought home" | "no change" | "not a tracked issue" | "not a configured tracker";

/**
 * Applies an issue event from a tracker's webhook: closed → the action is done, reopened → open
 * again. Only issues sigmeet linked are touched, found by tracker and number. Events caused by
 * sigmeet itself change nothing (the link already holds that state), so they need no filtering.
 */
export function applyWebhookEvent(
  state: SyncState,
  config: Config,
  event: InboundIssueEvent,
): WebhookOutcome {
  const repo = event.repository.toLowerCase();
  const tracker = config.trackers.find((t) =>
    t.type === "github"
      ? event.source === "github" && `${t.owner}/${t.repo}`.toLowerCase() === repo
      : event.source === "pagure" && t.project.toLowerCase() === repo,
  );
  if (tracker === undefined) return "not a configured tracker";
  const links = state.linksToIssue(trackerKey(tracker), event.number);
  if (links.length === 0) return "not a tracked issue";
  if (event.action !== "closed" && event.action !== "reopened" && event.action !== "edited")
    return "no change";
  // Only the sync ids are needed to find the items: no drafting of every item's issue body.
  const items = new Map(
    state
      .candidates()
      .filter((row) => trackerTakes(tracker, { ...row, name: row.meetingName }))
      .map((row) => [itemSyncId(meetingRefOf(row), row), row.id]),
  );
  let changed = false;
  for (const link of links)
    changed = applyRemoteState(state, link, event.state, items.get(link.syncId) ?? null) || changed;
  return changed ? "state brought home" : "no change";
}
