/**
 * Markdown minutes for chat posts and issue bodies, built as an mdast tree and stringified by remark.
 *
 * Safety model: everything that comes from the log (titles, topics, item text, nicks) goes into
 * mdast `text` nodes only — never `html` nodes — so remark escapes whatever Markdown syntax it
 * contains (`<script>`, `[x](javascript:…)`, `![img](…)`, backticks, `*` runs, a leading `#`, `|`).
 * Text is further passed through {@link neutralize}, which defuses what escaping cannot: @-mentions
 * and issue references that renderers act on *after* Markdown parsing. The only links produced are
 * the configured log URL and the URLs of LINK items, both restricted to http(s).
 * Owners returned by `ownersOf` come from the identity map and are rendered verbatim on purpose: they
 * are meant to notify the assignee.
 */
import type {
  Heading,
  Link,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Strong,
  Text,
} from "mdast";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import {
  ITEM_LABEL,
  type Attendee,
  type Item,
  type ItemKind,
  type Meeting,
} from "../../core/meeting.ts";

export interface MarkdownMinutesOptions {
  /**
   * URL of the full log, shown as a "Full log" link: absolute `http:`/`https:`, or relative (no
   * scheme). Anything else (`javascript:`, `data:`) throws a RangeError.
   */
  readonly logUrl?: string | undefined;
  /**
   * Owners of an action (e.g. tracker handles from the identity map). Rendered verbatim — an owner
   * written `@name` pings on purpose. Default: no owners.
   */
  readonly ownersOf?: ((item: Item) => readonly string[]) | undefined;
}

/** U+200D ZERO WIDTH JOINER. */
const ZWJ = "\u200D";

/**
 * Neutralise user text for chat and issue trackers, beyond what Markdown escaping does:
 *
 * - `@` gets a zero-width joiner after it (`@everyone` → `@\u200Deveryone`). Chosen over wrapping in
 *   inline code because mention triggers that matter look at the *plain* text, where code fences do
 *   not help: Matrix's `@room` push rule matches the substring `@room` in the event body (a body of
 *   `` `@room` `` still contains it and notifies the whole room), and Discord/GitHub mention parsers
 *   need a name character right after `@`. The joiner breaks all of these, is invisible, and keeps
 *   the text's look; inline code would also change the formatting of every MXID and e-mail address.
 * - `#` directly followed by a digit gets the same joiner: GitHub turns `#565` into a link to issue
 *   565 of the repository the minutes are posted in and adds a cross-reference to that issue's
 *   timeline, which is noise (or misleading) when the number belongs to another tracker.
 * - Line breaks and other control characters become spaces: an item is one line, and a line break
 *   inside a text node could start a block construct (a table delimiter row, a setext underline).
 */
export function neutralize(s: string): string {
  if (!NEEDS_NEUTRALIZING.test(s)) return s;
  return s.replace(NEUTRALIZE, (ch) => (ch === "@" ? "@" + ZWJ : ch === "#" ? "#" + ZWJ : " "));
}
// eslint-disable-next-line no-control-regex
const NEEDS_NEUTRALIZING = /@|#(?=\d)|[\u0000-\u001f\u007f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const NEUTRALIZE = /@|#(?=\d)|[\u0000-\u001f\u007f\u2028\u2029]/g;

const HTTP_URL = /^https?:\/\/[^\s]+$/i;
/** No scheme: no `:` before the first `/`, `?` or `#`, and no whitespace. */
const RELATIVE_URL = /^[^:/?#\s]*(?:[/?#][^\s]*)?$/;

function text(value: string): Text {
  return { type: "text", value };
}

function userText(value: string): Text {
  return { type: "text", value: neutralize(value) };
}

function para(children: PhrasingContent[]): Paragraph {
  return { type: "paragraph", children };
}

function heading(depth: 1 | 2, value: string): Heading {
  return { type: "heading", depth, children: [userText(value)] };
}

function list(items: ListItem[]): List {
  return { type: "list", ordered: false, spread: false, children: items };
}

function listItem(children: PhrasingContent[], nested: List[] = []): ListItem {
  return { type: "listItem", spread: false, children: [para(children), ...nested] };
}

function strong(value: string): Strong {
  return { type: "strong", children: [text(value)] };
}

function link(url: string, label: string): Link {
  return { type: "link", url, children: [text(label)] };
}

/** Item text, with a LINK item's leading http(s) URL turned into a real link. */
function itemBody(it: Item): PhrasingContent[] {
  if (it.kind === "link") {
    const sp = it.text.search(/\s/);
    const first = sp < 0 ? it.text : it.text.slice(0, sp);
    if (HTTP_URL.test(first)) {
      const out: PhrasingContent[] = [link(first, neutralize(first))];
      if (sp >= 0) out.push(userText(it.text.slice(sp)));
      return out;
    }
  }
  return [userText(it.text)];
}

function labelled(it: Item & { kind: Exclude<ItemKind, "topic"> }): ListItem {
  return listItem([strong(ITEM_LABEL[it.kind]), text(" "), ...itemBody(it)]);
}

function isNotTopic(it: Item): it is Item & { kind: Exclude<ItemKind, "topic"> } {
  return it.kind !== "topic";
}

function when(m: Meeting): string {
  const s = m.start;
  let out = `${s.date} ${s.time}`;
  if (m.end == null) return out + " UTC (the log stops before the meeting was ended)";
  out += "–" + (m.end.date === s.date ? m.end.time : `${m.end.date} ${m.end.time}`);
  return out + " UTC";
}

function byLinesSaid(attendees: readonly Attendee[]): Attendee[] {
  // Stable sort: equal counts keep first-seen order.
  return [...attendees].sort((a, b) => b.lines - a.lines);
}

/** Build the minutes as an mdast tree. */
export function meetingToMdast(meeting: Meeting, options: MarkdownMinutesOptions = {}): Root {
  const ownersOf = options.ownersOf;
  const children: RootContent[] = [heading(1, meeting.title)];

  let line = when(meeting);
  if (meeting.chairs.length > 0) line += " · Chairs: " + meeting.chairs.join(", ");
  children.push(para([userText(line)]));

  if (options.logUrl !== undefined) {
    if (!HTTP_URL.test(options.logUrl) && !RELATIVE_URL.test(options.logUrl)) {
      throw new RangeError(
        `logUrl must be an http(s) or relative URL: ${JSON.stringify(options.logUrl)}`,
      );
    }
    children.push(para([link(options.logUrl, "Full log")]));
  }

  // Summary: items before the first topic without a heading, then one section per topic.
  let pending: ListItem[] = [];
  const flush = () => {
    if (pending.length > 0) children.push(list(pending));
    pending = [];
  };
  const actions: ListItem[] = [];
  const decisions: ListItem[] = [];
  // Owner → their actions, for "Action items, by person" (MeetBot's section, with sigmeet's owner
  // rule); actions nobody owns go under UNASSIGNED.
  const byOwner = new Map<string, ListItem[]>();
  const unassigned: ListItem[] = [];
  for (const it of meeting.items) {
    if (!isNotTopic(it)) {
      flush();
      children.push(heading(2, it.text));
      continue;
    }
    const li = labelled(it);
    pending.push(li);
    if (it.kind === "action") {
      const body: PhrasingContent[] = [userText(it.text)];
      const owners = ownersOf === undefined ? [] : ownersOf(it);
      // Owners are nicks and Matrix IDs, not tracker logins: neutralised like any user text, so
      // that a Matrix ID never pings a same-named GitHub user.
      if (owners.length > 0) body.push(userText(" — " + owners.join(", ")));
      actions.push(listItem(body));
      for (const owner of owners) {
        const mine = byOwner.get(owner) ?? [];
        mine.push(listItem([userText(it.text)]));
        byOwner.set(owner, mine);
      }
      if (owners.length === 0) unassigned.push(listItem([userText(it.text)]));
    } else if (it.kind === "agreed" || it.kind === "accepted" || it.kind === "rejected") {
      decisions.push(li);
    }
  }
  flush();

  const section = (title: string, items: ListItem[]) => {
    children.push({ type: "heading", depth: 2, children: [text(title)] });
    children.push(items.length > 0 ? list(items) : para([text("(none)")]));
  };
  section("Action items", actions);
  const people = [...byOwner.keys()].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  const perPerson = people.map((owner) =>
    listItem([userText(owner)], [list(byOwner.get(owner) ?? [])]),
  );
  if (unassigned.length > 0) perPerson.push(listItem([text("UNASSIGNED")], [list(unassigned)]));
  if (actions.length > 0) section("Action items, by person", perPerson);
  section("Decisions", decisions);
  section(
    "People present",
    byLinesSaid(meeting.attendees).map((a) =>
      listItem([userText(`${a.nick} (${String(a.lines)})`)]),
    ),
  );
  return { type: "root", children };
}

const processor = unified()
  .use(remarkStringify, {
    bullet: "-",
    emphasis: "_",
    strong: "*",
    // Not escaped by plain CommonMark output, but meaningful to GFM renderers (GitHub, Forgejo,
    // Element): table cells and strikethrough.
    unsafe: [
      { character: "|", inConstruct: "phrasing" },
      { character: "~", inConstruct: "phrasing" },
    ],
  })
  .freeze();

/** The minutes as Markdown (CommonMark, safe for GFM renderers). */
export function renderMarkdownMinutes(
  meeting: Meeting,
  options: MarkdownMinutesOptions = {},
): string {
  return processor.stringify(meetingToMdast(meeting, options));
}
