/**
 * Markdown minutes for chat posts and issue bodies, built as an mdast tree and stringified by remark.
 *
 * Safety model: everything that comes from the log (titles, topics, item text, nicks) goes into
 * mdast `text` nodes only — never `html` nodes — so remark escapes whatever Markdown syntax it
 * contains (`<script>`, `[x](javascript:…)`, `![img](…)`, backticks, `*` runs, a leading `#`, `|`).
 * Text is further passed through {@link neutralize}, which defuses what escaping cannot: @-mentions
 * and issue references that renderers act on *after* Markdown parsing. The only links produced are
 * the configured log URL and the URLs of LINK items, both restricted to http(s).
 * Owners returned by `ownersOf` are neutralised too: a nick or Matrix ID is not a tracker login.
 */
import type { Heading, ListItem, PhrasingContent, Root, RootContent } from "mdast";
import {
  ITEM_LABEL,
  type Attendee,
  type Item,
  type ItemKind,
  type Meeting,
} from "../../core/meeting.ts";
import {
  HTTP_URL,
  RELATIVE_URL,
  link,
  list,
  listItem,
  neutralize,
  para,
  processor,
  strong,
  text,
  userText,
} from "./mdast.ts";

export interface MarkdownMinutesOptions {
  /**
   * URL of the full log, shown as a "Full log" link: absolute `http:`/`https:`, or relative (no
   * scheme). Anything else (`javascript:`, `data:`) throws a RangeError.
   */
  readonly logUrl?: string | undefined;
  /**
   * Owners of an action (names from the identity map). Neutralised like user text: nicks and
   * Matrix IDs are not tracker logins, so an owner never pings anyone. Default: no owners.
   */
  readonly ownersOf?: ((item: Item) => readonly string[]) | undefined;
}

function heading(depth: 1 | 2, value: string): Heading {
  return { type: "heading", depth, children: [userText(value)] };
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

/** The minutes as Markdown (CommonMark, safe for GFM renderers). */
export function renderMarkdownMinutes(
  meeting: Meeting,
  options: MarkdownMinutesOptions = {},
): string {
  return processor.stringify(meetingToMdast(meeting, options));
}
