import { createHash } from "node:crypto";
import type { Config } from "../config/schema.ts";
import type { TrackerConfig } from "../config/tracker-schema.ts";
import type { DecisionKind, Item } from "../core/meeting.ts";
import { draftDecisionComment, draftIssue, type MeetingRef } from "../render/issue-draft.ts";
import type { SyncItemRow } from "../store/sync-state.ts";
import type { ItemRow } from "../store/types.ts";
import { findIssueReference, type IssueTarget } from "./issue-reference.ts";
import { trackerTakes } from "./tracker-target.ts";

/**
 * What one item should look like on its tracker: computed from the store and the config alone,
 * so `sigmeet sync --dry-run` can show it without a network call. Pure.
 */
export interface DesiredItem {
  readonly syncId: string;
  readonly meetingKey: string;
  readonly itemId: number;
  readonly kind: "action" | "decision";
  /** Actions only. */
  readonly status: "open" | "done" | null;
  /** An issue of its own, or a comment on an existing issue (decisions naming one). */
  readonly shape: "issue" | "comment";
  /** The issue a decision comment goes on (shape "comment"). */
  readonly commentOn: number | null;
  readonly title: string;
  /** Issue body, or comment body for shape "comment". */
  readonly body: string;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  /** Hash of title and body: a change means the item was edited. */
  readonly hash: string;
  /** Hash of kind and text alone: the same item after its line number moved. */
  readonly textHash: string;
  /** For messages: `ACTION "sgallagh to draft…" (eln, 2026-11-20)`. */
  readonly describe: string;
}

const DECISIONS: readonly string[] = ["agreed", "accepted", "rejected"] satisfies DecisionKind[];

export function contentHash(title: string, body: string): string {
  return createHash("sha256").update(title).update("\0").update(body).digest("hex").slice(0, 32);
}

/** The meeting a stored item belongs to, as drafts need it. */
export function meetingRefOf(row: ItemRow): MeetingRef {
  return {
    era: row.era,
    channel: row.channel,
    title: row.meetingTitle,
    name: row.meetingName,
    // started_at is `YYYY-MM-DDTHH:MM:SSZ`, the meeting's start moment.
    start: { line: 0, date: row.startedAt.slice(0, 10), time: row.startedAt.slice(11, 19) },
  };
}

function itemOf(row: SyncItemRow): Item {
  return {
    kind: row.kind,
    text: row.text,
    nick: row.nick,
    line: row.line,
    date: row.date,
    time: row.time,
    topic: row.topic,
  };
}

/** Tracker logins of an item's owners, from the accounts map (case-insensitive on the person). */
export function loginsOf(
  owners: readonly string[],
  accounts: Config["accounts"],
  type: TrackerConfig["type"],
): string[] {
  const byLower = new Map(Object.entries(accounts).map(([k, v]) => [k.toLowerCase(), v]));
  const logins: string[] = [];
  for (const owner of owners) {
    const login = byLower.get(owner.toLowerCase())?.[type];
    if (login !== undefined && !logins.includes(login)) logins.push(login);
  }
  return logins;
}

function describe(row: SyncItemRow): string {
  const flat = row.text.replace(/\s+/g, " ");
  const short = flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
  return `${row.kind.toUpperCase()} "${short}" (${row.meetingName}, ${row.startedAt.slice(0, 10)} line ${row.line})`;
}

/** The desired state of every action and decision of the meetings this tracker takes. */
export function desiredItems(
  rows: readonly SyncItemRow[],
  tracker: TrackerConfig,
  target: IssueTarget,
  config: Pick<Config, "accounts" | "logUrlBase" | "urls" | "sync">,
): DesiredItem[] {
  const out: DesiredItem[] = [];
  for (const row of rows) {
    const isDecision = DECISIONS.includes(row.kind);
    if (row.kind !== "action" && !isDecision) continue;
    if (!trackerTakes(tracker, { ...row, name: row.meetingName })) continue;
    const meeting = meetingRefOf(row);
    const item = itemOf(row);
    const common = {
      meetingKey: row.meetingKey,
      itemId: row.id,
      kind: isDecision ? ("decision" as const) : ("action" as const),
      status: isDecision ? null : row.status,
      describe: describe(row),
      textHash: contentHash(row.kind, row.text.replace(/\s+/g, " ").trim()),
    };
    const commentOn =
      isDecision && config.sync.decisions === "comment"
        ? (findIssueReference(row.text, target) ??
          (row.topic === null ? null : findIssueReference(row.topic, target)))
        : null;
    if (commentOn !== null) {
      const comment = draftDecisionComment(meeting, item, config);
      out.push({
        ...common,
        syncId: comment.syncId,
        shape: "comment",
        commentOn,
        title: "",
        body: comment.body,
        labels: [],
        assignees: [],
        hash: contentHash("", comment.body),
      });
      continue;
    }
    const assignees = isDecision ? [] : loginsOf(row.owners, config.accounts, tracker.type);
    const draft = draftIssue(meeting, item, {
      logUrlBase: config.logUrlBase,
      urls: config.urls,
      labels: isDecision ? tracker.labels.decision : tracker.labels.action,
      assignees,
      owners: row.owners,
    });
    out.push({
      ...common,
      syncId: draft.syncId,
      shape: "issue",
      commentOn: null,
      title: draft.title,
      body: draft.body,
      labels: draft.labels,
      assignees: draft.assignees,
      hash: contentHash(draft.title, draft.body),
    });
  }
  return out;
}
