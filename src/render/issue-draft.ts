import type { Html, PhrasingContent, RootContent } from "mdast";
import { createHash } from "node:crypto";
import type { Item, Meeting } from "../core/meeting.ts";
import { meetingChannelDir, meetingStem } from "./file-names.ts";
import { link, para, processor, strong, text, userText } from "./markdown/mdast.ts";

/**
 * What sigmeet writes to a tracker for one action item or decision. Pure: the sync decides when to
 * write it; this decides what. Groundwork for the tracker sync.
 */
export interface IssueDraft {
  /** Stable identity of the item, also hidden in the body (see `findSyncId`). */
  readonly syncId: string;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
}

/** What a draft needs of a meeting: enough to name it and link to its files. */
export type MeetingRef = Pick<Meeting, "era" | "channel" | "title" | "name" | "start">;

export interface DraftContext {
  readonly logUrlBase: string;
  /** Templates with `{base}`, `{channel}`, `{date}`, `{stem}`, `{line}`. */
  readonly urls: { readonly minutes: string; readonly logLine: string };
  readonly labels: readonly string[];
  /**
   * Tracker logins of the item's owners, from the config's accounts map. They alone are assigned
   * and @-mentioned; every other name in the text is neutralised.
   */
  readonly assignees: readonly string[];
  /**
   * The item's owners as people (Fedora accounts or nicks), shown as plain text when none of them
   * has a tracker login. Default none.
   */
  readonly owners?: readonly string[];
}

/** GitHub refuses titles over 256 characters. */
const MAX_TITLE = 256;
/** Caps on what users typed, so a body stays far below GitHub's 65,536 characters. */
const MAX_TEXT = 8000;
const MAX_SHORT = 500;
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const MARKER = /<!-- sigmeet:item (sm1-[0-9a-f]{24}) -->/;

/**
 * The identity of an item across re-imports, renames and edits of its text: the meeting's era,
 * channel and start, and the item's line and kind.
 */
export function itemSyncId(meeting: MeetingRef, item: Pick<Item, "line" | "kind">): string {
  const key = [
    meeting.era,
    meeting.channel,
    meeting.start.date,
    meeting.start.time,
    item.line,
    item.kind,
  ].join("\n");
  return `sm1-${createHash("sha256").update(key).digest("hex").slice(0, 24)}`;
}

/** The sync id hidden in an issue body by `draftIssue`, or null. */
export function findSyncId(body: string): string | null {
  return MARKER.exec(body)?.[1] ?? null;
}

function clip(s: string, max: number): string {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function fill(template: string, meeting: MeetingRef, base: string, line: number): string {
  const values: Record<string, string> = {
    base: base.replace(/\/$/, ""),
    channel: meetingChannelDir(meeting),
    date: meeting.start.date,
    stem: meetingStem(meeting),
    line: String(line),
  };
  return template.replace(/\{(base|channel|date|stem|line)\}/g, (_m, k: string) => values[k] ?? "");
}

/** The meeting's title, bold (user text, so neutralised). */
function meetingTitle(meeting: MeetingRef): PhrasingContent {
  return { type: "strong", children: [userText(clip(meeting.title, MAX_SHORT))] };
}

/** The item's text, quoted. */
function quote(item: Item): RootContent {
  return { type: "blockquote", children: [para([userText(clip(item.text, MAX_TEXT))])] };
}

/** `<who said it> <nick> · log line · minutes`, linked through the config's URL templates. */
function source(
  verb: string,
  meeting: MeetingRef,
  item: Item,
  ctx: Pick<DraftContext, "logUrlBase" | "urls">,
): RootContent {
  return para([
    text(`${verb} `),
    userText(clip(item.nick, MAX_SHORT)),
    text(" · "),
    link(fill(ctx.urls.logLine, meeting, ctx.logUrlBase, item.line), "log line"),
    text(" · "),
    link(fill(ctx.urls.minutes, meeting, ctx.logUrlBase, item.line), "minutes"),
  ]);
}

/** The hidden marker `findSyncId` reads back. */
function marker(syncId: string): Html {
  return { type: "html", value: `<!-- sigmeet:item ${syncId} -->` };
}

/** The issue for an action item or a decision. */
export function draftIssue(meeting: MeetingRef, item: Item, ctx: DraftContext): IssueDraft {
  const syncId = itemSyncId(meeting, item);
  const kind = item.kind === "action" ? "Action item" : `Decision (${item.kind.toUpperCase()})`;
  const intro: PhrasingContent[] = [
    strong(kind),
    text(" from the meeting "),
    meetingTitle(meeting),
    text(` on ${item.date} at ${item.time} UTC`),
  ];
  if (item.topic !== null)
    intro.push(text(", topic "), userText(`“${clip(item.topic, MAX_SHORT)}”`));
  intro.push(text("."));
  const logins = ctx.assignees.filter((login) => LOGIN.test(login));
  const children: RootContent[] = [
    para(intro),
    quote(item),
    source("Said by", meeting, item, ctx),
    para([
      text(item.kind === "action" ? "Owner: " : "People: "),
      // Deliberate mentions: logins from the accounts map only, checked to be plain logins.
      logins.length > 0
        ? text(logins.map((l) => `@${l}`).join(", "))
        : (ctx.owners ?? []).length > 0
          ? userText(clip((ctx.owners ?? []).join(", "), MAX_SHORT))
          : text("unassigned"),
    ]),
    marker(syncId),
  ];
  return {
    syncId,
    title: clip(item.text, MAX_TITLE) || `${kind} from ${clip(meeting.title, 100)}`,
    body: processor.stringify({ type: "root", children }),
    labels: [...ctx.labels],
    assignees: logins,
  };
}

/** The comment that records a decision on the issue it concerns. Carries the same marker. */
export function draftDecisionComment(
  meeting: MeetingRef,
  item: Item,
  ctx: Pick<DraftContext, "logUrlBase" | "urls">,
): { readonly syncId: string; readonly body: string } {
  const syncId = itemSyncId(meeting, item);
  const children: RootContent[] = [
    para([
      strong(`Decision (${item.kind.toUpperCase()})`),
      text(" in the meeting "),
      meetingTitle(meeting),
      text(` on ${item.date} at ${item.time} UTC:`),
    ]),
    quote(item),
    source("Recorded by", meeting, item, ctx),
    marker(syncId),
  ];
  return { syncId, body: processor.stringify({ type: "root", children }) };
}

/**
 * A hidden tag for a note the sync adds to an issue (withdrawal, edit): lets a comment whose
 * outcome was unknown be found again instead of posted twice.
 */
export function noteMarker(syncId: string, tag: string): string {
  return `<!-- sigmeet:note ${syncId}:${tag} -->`;
}

/** A short note comment: plain text (no user text) plus its marker. */
export function draftNote(syncId: string, tag: string, message: string): string {
  return `${message}\n\n${noteMarker(syncId, tag)}\n`;
}
