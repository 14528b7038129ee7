import type { SyncLink } from "../store/sync-state.ts";
import type { CloseReason } from "../trackers/tracker.ts";
import type { DesiredItem } from "./desired.ts";

/**
 * What a sync run will do to one tracker, worked out from the desired items and the links the
 * store holds (after inbound changes were pulled in). Pure: `sigmeet sync --dry-run` prints it.
 */
export type PlannedOp =
  /** A new issue (action, or decision of its own; the latter is closed right after). */
  | { readonly op: "create"; readonly item: DesiredItem }
  /** A decision recorded on the issue it names (again, corrected, after an edit). */
  | { readonly op: "comment"; readonly item: DesiredItem; readonly link: SyncLink | null }
  /** Title and body rewritten after the item was edited in the meeting. */
  | { readonly op: "update"; readonly item: DesiredItem; readonly link: SyncLink }
  | {
      readonly op: "assign";
      readonly item: DesiredItem;
      readonly link: SyncLink;
      readonly logins: readonly string[];
    }
  | {
      readonly op: "close";
      readonly item: DesiredItem;
      readonly link: SyncLink;
      readonly reason: CloseReason;
    }
  | { readonly op: "reopen"; readonly item: DesiredItem; readonly link: SyncLink }
  /** The item left the minutes (undo, edit away): say so, and close its issue as not planned. */
  | { readonly op: "withdraw"; readonly link: SyncLink }
  /**
   * The same item (same meeting, kind and text) now sits on another log line, so its sync id
   * changed (a republished log with a line added or removed above it): the link follows it, and
   * the next pass rewrites the marker and links. Local only.
   */
  | { readonly op: "move"; readonly item: DesiredItem; readonly link: SyncLink };

/**
 * Pairs desired items with existing links, per meeting: (1) same sync id and same text; (2) same
 * text, the link's line moved (a line added or removed above it shifts every later item's sync id,
 * so a line-number match alone could pair an item with its neighbour's issue); (3) same sync id,
 * new text: edited in place. Returns the link for each item's sync id.
 */
function matchLinks(
  desired: readonly DesiredItem[],
  links: readonly SyncLink[],
): Map<string, SyncLink> {
  const bySyncId = new Map(links.map((l) => [l.syncId, l]));
  const byText = new Map<string, SyncLink[]>();
  for (const link of links) {
    const key = `${link.meetingKey}\n${link.textHash}`;
    byText.set(key, [...(byText.get(key) ?? []), link]);
  }
  const matched = new Map<string, SyncLink>();
  const used = new Set<string>();
  const take = (item: DesiredItem, link: SyncLink | undefined): void => {
    if (link === undefined || used.has(link.syncId) || matched.has(item.syncId)) return;
    matched.set(item.syncId, link);
    used.add(link.syncId);
  };
  for (const item of desired) {
    const link = bySyncId.get(item.syncId);
    if (link?.textHash === item.textHash) take(item, link);
  }
  for (const item of desired) {
    if (matched.has(item.syncId)) continue;
    const same = byText.get(`${item.meetingKey}\n${item.textHash}`) ?? [];
    take(
      item,
      same.find((l) => !used.has(l.syncId)),
    );
  }
  for (const item of desired) take(item, bySyncId.get(item.syncId));
  return matched;
}

export function planSync(
  desired: readonly DesiredItem[],
  links: readonly SyncLink[],
  meetingsInScope: ReadonlySet<string>,
): PlannedOp[] {
  const matched = matchLinks(desired, links);
  const used = new Set([...matched.values()].map((l) => l.syncId));
  const ops: PlannedOp[] = [];
  const withdrawing = new Set<string>();
  for (const link of links) {
    if (used.has(link.syncId) || link.withdrawn || !meetingsInScope.has(link.meetingKey)) continue;
    withdrawing.add(link.syncId);
  }
  const moves: PlannedOp[] = [];
  for (const item of desired) {
    const link = matched.get(item.syncId);
    if (link === undefined) {
      ops.push(
        item.shape === "issue" ? { op: "create", item } : { op: "comment", item, link: null },
      );
      continue;
    }
    if (link.syncId !== item.syncId) {
      // Moved. If the link at the new sync id is being withdrawn, that goes first (next pass).
      if (!withdrawing.has(item.syncId)) moves.push({ op: "move", item, link });
      continue;
    }
    if (link.kind === "comment") {
      // A comment cannot be taken back on every tracker: a changed or restored decision is
      // recorded again below it.
      if (item.shape === "comment" && (link.pushedHash !== item.hash || link.withdrawn))
        ops.push({ op: "comment", item, link });
      continue;
    }
    // An issue. If the item now has another shape (a decision edited to name a ticket), the
    // issue that exists stays its record: no second artefact for one item.
    if (item.shape === "issue" && (link.pushedHash !== item.hash || link.withdrawn))
      ops.push({ op: "update", item, link });
    const missing = item.assignees.filter((a) => !link.assignees.includes(a));
    if (missing.length > 0) ops.push({ op: "assign", item, link, logins: missing });
    if (item.kind === "action") {
      const want = item.status === "done" ? "closed" : "open";
      if (link.remoteState !== want || link.withdrawn) {
        if (want === "closed" && link.remoteState !== "closed")
          ops.push({ op: "close", item, link, reason: "completed" });
        else if (want === "open") ops.push({ op: "reopen", item, link });
      }
    } else if (link.syncedStatus !== "done") {
      // A decision's own issue is a record, closed once; if people reopen it, that is theirs.
      ops.push({ op: "close", item, link, reason: "completed" });
    }
  }
  for (const link of links) if (withdrawing.has(link.syncId)) ops.push({ op: "withdraw", link });
  // Moves are local and come first: the links follow their items before anything is written.
  return [...moves, ...ops];
}

/** One line per op, for `--dry-run` and logs. */
export function describeOp(op: PlannedOp, label: string): string {
  switch (op.op) {
    case "create":
      return `create   ${op.item.describe} → new issue in ${label}`;
    case "comment":
      return `comment  ${op.item.describe} → #${String(op.item.commentOn)}${op.link === null ? "" : " (changed)"}`;
    case "update":
      return `update   #${String(op.link.number)} ${op.item.describe} (edited in the meeting)`;
    case "assign":
      return `assign   #${String(op.link.number)} to ${op.logins.join(", ")}`;
    case "close":
      return `close    #${String(op.link.number)} ${op.item.describe} (${op.item.kind === "action" ? "done" : "decision recorded"})`;
    case "reopen":
      return `reopen   #${String(op.link.number)} ${op.item.describe}`;
    case "withdraw":
      return `withdraw #${String(op.link.number)} (item removed from the minutes)`;
    case "move":
      return `relink   #${String(op.link.number)} ${op.item.describe} (moved to another log line)`;
  }
}
