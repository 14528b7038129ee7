import type { Attendee, Item, Meeting } from "../../core/meeting.ts";
import { py2DictOrder } from "../../core/py2-dict-order.ts";
import { fillText } from "../text-wrap.ts";

/**
 * Which zodbot minutes writer to imitate: MeetBot 0.1.4 on Python 2 (until 2021) or the Python 3
 * port that calls itself 0.4 (2021 until the Matrix move). They differ in the footer and in the
 * order of attendees with equal line counts (Python 2 dict order vs insertion order).
 */
export type IrcWriter = "0.1.4" | "0.4";

export interface IrcRenderOptions {
  /** Prefix of the log URL in the text minutes. Default `https://meetbot.fedoraproject.org`. */
  readonly logUrlBase?: string;
  /** Default `"0.1.4"`. */
  readonly writer?: IrcWriter;
}

export interface WriterProfile {
  readonly version: string;
  readonly infoUrl: string;
  /** Python 2 dicts iterate in hash order; Python 3.7+ dicts in insertion order. */
  readonly py2Dicts: boolean;
}

export function writerProfile(writer: IrcWriter = "0.1.4"): WriterProfile {
  return writer === "0.4"
    ? {
        version: "0.4",
        infoUrl: "https://fedoraproject.org/wiki/Zodbot#Meeting_Functions",
        py2Dicts: false,
      }
    : { version: "0.1.4", infoUrl: "http://wiki.debian.org/MeetBot", py2Dicts: true };
}

export const TIME_ZONE = "UTC";

const HTML_SPECIAL = /[&<>]/;

/** MeetBot's `writers.html`: escapes `&`, `<` and `>` only (quotes are left alone). */
export function htmlEscape(text: string): string {
  if (!HTML_SPECIAL.test(text)) return text;
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * The page title. MeetBot did not escape it in the HTML minutes; sigmeet escapes `<` and `>`
 * there (see `titleHtml`) so that a title cannot inject markup.
 */
export function pageTitle(meeting: Pick<Meeting, "channel" | "title">): string {
  // MeetBot's `#meetingtopic` rule: stripped; empty, "none" or "unset" means no topic.
  const topic = py2Strip(meeting.title);
  const lower = topic.toLowerCase();
  if (topic === "" || lower === "none" || lower === "unset") return `${meeting.channel} Meeting`;
  return `${meeting.channel}: ${topic}`;
}

/**
 * Deliberate deviation from MeetBot: its HTML minutes printed the title raw, so `<script>` in a
 * `#startmeeting` line became live markup. `<` and `>` are escaped here; `&` is kept as MeetBot
 * wrote it (a bare `&` cannot start markup), so ordinary titles stay byte-identical.
 */
export function titleHtml(title: string): string {
  return title.replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * A file name used inside an HTML attribute. MeetBot inserted it raw; a `#meetingname` containing
 * quotes (seen in the wild: `'"fedora_workstation_wg"'`) then broke out of the attribute. Quotes
 * and angle brackets are percent-encoded (the link still resolves to the same file) and `&` is
 * escaped; names without these characters are unchanged.
 */
export function attrUrl(url: string): string {
  if (!/[&<>"']/.test(url)) return url;
  return url
    .replaceAll("&", "&amp;")
    .replaceAll('"', "%22")
    .replaceAll("'", "%27")
    .replaceAll("<", "%3C")
    .replaceAll(">", "%3E");
}

const PY2_WS =
  "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u180e\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const STRIP_RE = new RegExp(`^[${PY2_WS}]+|[${PY2_WS}]+$`, "g");

/** Python 2 `unicode.strip()`. */
export function py2Strip(text: string): string {
  return text.replace(STRIP_RE, "");
}

/** A LINK item split as MeetBot's `items.Link` did: the first space-separated word is the URL. */
export function splitLink(text: string): { url: string; rest: string } {
  const space = text.indexOf(" ");
  if (space === -1) return { url: text, rest: "" };
  return { url: text.slice(0, space), rest: py2Strip(text.slice(space + 1)) };
}

/** Compare strings by code point, as Python compares `unicode` objects. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      // A surrogate stands for a code point above every BMP character.
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

/** The attendees' nicks in the order the writer's dict iterates them. */
export function attendeeDictOrder(
  attendees: readonly Attendee[],
  profile: WriterProfile,
): string[] {
  const nicks = attendees.map((a) => a.nick);
  return profile.py2Dicts ? py2DictOrder(nicks) : nicks;
}

/**
 * "People Present": by lines said, descending; ties in dict order (a stable sort). `dictOrder` is
 * `attendeeDictOrder(attendees, profile)`, passed in by a caller that also needs it.
 */
export function peoplePresent(
  attendees: readonly Attendee[],
  profile: WriterProfile,
  dictOrder: readonly string[] = attendeeDictOrder(attendees, profile),
): Attendee[] {
  const byNick = new Map<string, Attendee>();
  for (const a of attendees) byNick.set(a.nick, a);
  const ordered: Attendee[] = [];
  for (const nick of dictOrder) {
    const a = byNick.get(nick);
    if (a !== undefined) ordered.push(a);
  }
  return ordered.sort((x, y) => y.lines - x.lines);
}

export interface ActionsByPerson {
  /** Nicks (sorted case-insensitively) with the actions whose text contains them. */
  readonly assigned: readonly { readonly nick: string; readonly actions: readonly Item[] }[];
  /** Actions no attendee nick occurs in. */
  readonly unassigned: readonly Item[];
}

/**
 * MeetBot's owner rule, kept for byte-identical minutes: an action belongs to every attendee
 * whose nick is a case-sensitive substring of its text (`ping` owns "pingou's patch"). Nicks are
 * sorted by their lower-cased form, ties in dict order (`dictOrder`, as for `peoplePresent`).
 */
export function actionsByPerson(
  meeting: Pick<Meeting, "items" | "attendees">,
  profile: WriterProfile,
  dictOrder: readonly string[] = attendeeDictOrder(meeting.attendees, profile),
): ActionsByPerson {
  const actions = meeting.items.filter((i) => i.kind === "action");
  const nicks = dictOrder
    .map((nick) => ({ nick, key: nick.toLowerCase() }))
    .sort((a, b) => compareCodePoints(a.key, b.key))
    .map((n) => n.nick);
  const assignedItems = new Set<Item>();
  const assigned: { nick: string; actions: Item[] }[] = [];
  if (actions.length > 0) {
    // Every nick is looked for in every action: first in all the texts at once, so that a nick
    // that owns nothing costs one search. A nick without `\n` cannot match across the joins.
    const allTexts = actions.map((a) => a.text).join("\n");
    for (const nick of nicks) {
      if (!nick.includes("\n") && !allTexts.includes(nick)) continue;
      const mine = actions.filter((a) => a.text.includes(nick));
      if (mine.length === 0) continue;
      for (const a of mine) assignedItems.add(a);
      assigned.push({ nick, actions: mine });
    }
  }
  return { assigned, unassigned: actions.filter((a) => !assignedItems.has(a)) };
}

/** The time a meeting ended, or (no `#endmeeting`) the time of its last line. */
export function endTime(meeting: Pick<Meeting, "end" | "lines" | "start">): string {
  if (meeting.end !== null) return meeting.end.time;
  return meeting.lines.at(-1)?.time ?? meeting.start.time;
}

/**
 * Where `marker` (`sWRAPs` or `eWRAPe`) first or last occurs in `page`, or -1. The search is for
 * `WRAP…` and then the letter before it: `W` is rare, whereas `indexOf` would stop at every `s` or
 * `e` of the page, and `lastIndexOf` has no fast search at all.
 */
function findMarker(page: string, marker: string, last: boolean): number {
  const rest = marker.slice(1);
  const lead = marker.charCodeAt(0);
  let found = -1;
  for (let i = page.indexOf(rest, 1); i !== -1; i = page.indexOf(rest, i + 1)) {
    if (page.charCodeAt(i - 1) !== lead) continue;
    found = i - 1;
    if (!last) break;
  }
  return found;
}

/**
 * MeetBot's `replaceWRAP`, applied to a whole formatted page: the text between the first `sWRAPs`
 * and the last `eWRAPe` is filled to 72 columns. The text template marks its opening paragraph
 * this way; user text that happens to contain the markers is treated the same way MeetBot did.
 * (That is what the regex `sWRAPs([\s\S]*)eWRAPe` matches, found here without a backtracking
 * scan of the whole page.)
 */
export function replaceWrap(body: string): string {
  const start = findMarker(body, "sWRAPs", false);
  if (start === -1) return body;
  const end = findMarker(body, "eWRAPe", true);
  if (end < start + 6) return body;
  return (
    body.slice(0, start) + fillText(body.slice(start + 6, end), { width: 72 }) + body.slice(end + 6)
  );
}
