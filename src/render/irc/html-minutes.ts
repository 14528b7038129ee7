import { ITEM_LABEL, type Item, type Meeting } from "../../core/meeting.ts";
import { wrapList } from "../text-wrap.ts";
import {
  TIME_ZONE,
  actionsByPerson,
  attendeeDictOrder,
  attrUrl,
  endTime,
  htmlEscape,
  pageTitle,
  peoplePresent,
  replaceWrap,
  splitLink,
  titleHtml,
  writerProfile,
  type IrcRenderOptions,
} from "./common.ts";
import { ircFileStem } from "./file-stem.ts";
import { MINUTES_STYLE, htmlPage } from "./html-page.ts";

const SAFE_SCHEMES = new Set(["http", "https", "ftp", "irc", "mailto", "ssh"]);
const NEVER_SCHEMES = new Set(["javascript", "vbscript", "data", "file"]);

/**
 * Whether a LINK's first word may become an `href`. Deliberate deviation from MeetBot, which
 * linked the first word whatever it was, so `#link javascript:alert(1)` produced a clickable
 * script. Allowed: the URL schemes MeetBot auto-detected (http, https, ftp, irc, mailto, ssh);
 * scheme-less (relative) words such as `Article`; and a bare label ending in its only colon such as
 * `Board:` (MeetBot's quirk for `#link Board: <url>`, which points nowhere and runs nothing).
 * Anything else is printed as escaped text. The scheme is read as a browser would: after removing
 * tabs and newlines and trimming control characters and spaces.
 */
export function isSafeLinkTarget(word: string): boolean {
  // eslint-disable-next-line no-control-regex
  const url = word.replace(/[\t\n\r]/g, "").replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, "");
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  if (m === null) return true;
  const scheme = (m[1] ?? "").toLowerCase();
  if (SAFE_SCHEMES.has(scheme)) return true;
  return url.length === scheme.length + 1 && !NEVER_SCHEMES.has(scheme);
}

/** `(<a href='stem.log.html#l-N'>nick</a>, HH:MM:SS)` in a details span. */
function details(item: Item, logLink: string): string {
  return (
    `<span class="details">(<a href='${logLink}#l-${item.line}'>${htmlEscape(item.nick)}</a>, ` +
    `${item.time})</span>`
  );
}

/** An item as MeetBot's `Item.html2()` printed it, before wrapping. */
function itemHtml(item: Item, logLink: string): string {
  const text = htmlEscape(item.text);
  switch (item.kind) {
    case "topic":
      return `<b class="TOPIC">${text}</b> ${details(item, logLink)}`;
    case "info":
      return `<span class="INFO">${text}</span> ${details(item, logLink)}`;
    case "link": {
      const { url, rest } = splitLink(item.text);
      const target = isSafeLinkTarget(url)
        ? `<a href="${htmlEscape(url.replaceAll('"', "%22"))}">${htmlEscape(url)}</a>`
        : htmlEscape(url);
      return `${target} ${htmlEscape(rest)} ${details(item, logLink)}`;
    }
    default: {
      const type = ITEM_LABEL[item.kind];
      const [start, end] =
        item.kind === "accepted"
          ? ['<font color="green">', "</font>"]
          : item.kind === "rejected"
            ? ['<font color="red">', "</font>"]
            : ["", ""];
      return (
        `<i class="itemtype">${type}</i>: <span class="${type}">${start}${text}${end}</span> ` +
        details(item, logLink)
      );
    }
  }
}

/** The "Meeting summary" block: topics with their items as nested lists. */
function meetingItems(items: readonly Item[], logLink: string): string {
  const out = ["<h3>Meeting summary</h3>", "<ol>"];
  let haveTopic = false;
  let inSublist = false;
  for (const item of items) {
    const html = `<li>${itemHtml(item, logLink)}`;
    if (item.kind === "topic") {
      if (inSublist) out.push("</ol>");
      inSublist = false;
      if (haveTopic) out.push("<br></li>");
      haveTopic = true;
      out.push(html); // topics are not wrapped
    } else {
      if (!inSublist) {
        // Items before the first topic get an untitled list entry of their own.
        if (!haveTopic) out.push("<li>");
        haveTopic = true;
        out.push('<ol type="a">');
        inSublist = true;
      }
      out.push(`${wrapList(html, 2)}</li>`);
    }
  }
  if (inSublist) out.push("</ol>");
  if (haveTopic) out.push("</li>");
  out.push("</ol>");
  return out.join("\n");
}

function actionItems(actions: readonly Item[]): string {
  const out = ["<h3>Action items</h3>", "<ol>"];
  for (const a of actions) out.push(`  <li>${htmlEscape(a.text)}</li>`);
  if (actions.length === 0) out.push("  <li>(none)</li>");
  out.push("</ol>");
  return out.join("\n");
}

/** The by-person block, or null when no action has an owner (MeetBot then leaves it out). */
function actionItemsPerson(
  meeting: Meeting,
  profile: ReturnType<typeof writerProfile>,
  dictOrder: readonly string[],
): string | null {
  const { assigned, unassigned } = actionsByPerson(meeting, profile, dictOrder);
  if (assigned.length === 0) return null;
  const out = ["<h3>Action items, by person</h3>", "<ol>"];
  for (const { nick, actions } of assigned) {
    out.push(`  <li> ${htmlEscape(nick)} <ol>`);
    for (const a of actions) out.push(`    <li>${htmlEscape(a.text)}</li>`);
    out.push("  </ol></li>");
  }
  // MeetBot's HTML2 writer shows the unassigned group only when it holds two or more actions.
  if (unassigned.length > 1) {
    out.push("  <li><b>UNASSIGNED</b><ol>");
    for (const a of unassigned) out.push(`    <li>${htmlEscape(a.text)}</li>`);
    out.push("  </ol>\n</li>");
  }
  out.push("</ol>");
  return out.join("\n");
}

/**
 * The `.html` minutes of an IRC meeting exactly as zodbot's MeetBot `HTML2` writer produced them.
 * User text is escaped (`&`, `<`, `>`, as MeetBot did); see `titleHtml`, `attrUrl` and
 * `isSafeLinkTarget` for the three places where sigmeet is stricter than MeetBot.
 */
export function renderIrcHtmlMinutes(meeting: Meeting, options: IrcRenderOptions = {}): string {
  const profile = writerProfile(options.writer);
  const title = titleHtml(pageTitle(meeting));
  const logLink = attrUrl(`${ircFileStem(meeting)}.log.html`);
  const owner = htmlEscape(meeting.owner);
  const dictOrder = attendeeDictOrder(meeting.attendees, profile);
  const people = peoplePresent(meeting.attendees, profile, dictOrder);

  const sections: string[] = [
    `<h1>${title}</h1>\n<span class="details">\n` +
      `Meeting started by ${owner} at ${meeting.start.time} ${TIME_ZONE}\n` +
      `(<a href="${logLink}">full logs</a>).</span>\n`,
    meetingItems(meeting.items, logLink),
    `<span class="details">\nMeeting ended at ${endTime(meeting)} ${TIME_ZONE}\n` +
      `(<a href="${logLink}">full logs</a>).</span>\n`,
    actionItems(meeting.items.filter((i) => i.kind === "action")),
  ];
  const byPerson = actionItemsPerson(meeting, profile, dictOrder);
  if (byPerson !== null) sections.push(byPerson);
  sections.push(
    [
      "<h3>People present (lines said)</h3>",
      "<ol>",
      ...people.map((a) => `  <li>${htmlEscape(a.nick)} (${a.lines})</li>`),
      "</ol>",
    ].join("\n"),
  );
  sections.push(
    `<span class="details">Generated by <a href="${profile.infoUrl}">MeetBot</a> ${profile.version}.</span>`,
  );
  const body = replaceWrap(sections.join("\n<br><br>\n\n\n\n"));
  return htmlPage(title, MINUTES_STYLE, body);
}
