import type { LogLine } from "../../core/log-line.ts";
import { htmlEscape } from "./common.ts";
import { LOG_STYLE, htmlPage } from "./html-page.ts";

export interface IrcLogHtmlOptions {
  /** IRC channel, for the page title (`#fedora-meeting log`). */
  readonly channel: string;
}

// MeetBot's HTMLlog2 writer re-reads each raw log line with these patterns (Python 2 `re`
// without UNICODE, so `\s` is ASCII whitespace only). Transcribed as regular expressions over
// the same classes; `.` becomes `[^\n]` because Python's dot matches `\r` and U+2028.
const WS = "[ \\t\\n\\r\\f\\v]";
const NOT_WS = "[^ \\t\\n\\r\\f\\v]";
const TIME = `(\\[?[0-9: \\t\\n\\r\\f\\v]*\\]?)`;
const SPOKEN_RE = new RegExp(
  `^${WS}*${TIME}${WS}*(${WS}+<[@+ \\t\\n\\r\\f\\v]?[^>]+>)${WS}*([^\\n]*)`,
);
const ACTION_RE = new RegExp(
  `^${WS}*${TIME}${WS}*(\\*${WS}+[@+ \\t\\n\\r\\f\\v]?${NOT_WS}+)${WS}*([^\\n]*)`,
);
const TOPIC_RE = /^(#topic[ \t\f\v]*)([^\n]*)/;
const COMMAND_RE = new RegExp(`^(#${NOT_WS}+[ \\t\\f\\v]*)([^\\n]*)`);
const HILIGHT_RE = new RegExp(`^(${NOT_WS}+:)( [^\\n]*)`);

/** The raw `.log.txt` form of a line, as MeetBot kept it in memory. */
function rawLine(line: LogLine): string {
  return line.action
    ? `${line.time} * ${line.nick} ${line.text}`
    : `${line.time} <${line.nick}> ${line.text}`;
}

function spans(cls: string, command: string, rest: string): string {
  return `<span class="${cls}">${htmlEscape(command)}</span><span class="${cls}line">${htmlEscape(rest)}</span>`;
}

/** The message part of a spoken line: `#topic`, other `#word` commands, `nick:` highlights. */
function messageHtml(text: string): string {
  // Only a line starting with '#' can be a command; `#topic` has spans of its own.
  if (text.startsWith("#")) {
    const topic = TOPIC_RE.exec(text);
    if (topic !== null) return spans("topic", topic[1] ?? "", topic[2] ?? "");
    const command = COMMAND_RE.exec(text);
    if (command !== null) return spans("cmd", command[1] ?? "", command[2] ?? "");
  }
  if (text.includes(":")) {
    const m = HILIGHT_RE.exec(text);
    if (m !== null)
      return `<span class="hi">${htmlEscape(m[1] ?? "")}</span>${htmlEscape(m[2] ?? "")}`;
  }
  return htmlEscape(text);
}

const CLOCK = /^[0-9:]+$/;
const LEADING_WS = /^[ \t\n\r\f\v]+/;
const HAS_WS = /[ \t\n\r\f\v]/;

/**
 * The three groups MeetBot's patterns would capture, computed directly for the usual shape
 * (clock time; a nick without `>`, or for `/me` without whitespace; one-line text). Null for
 * anything else, which then goes through the patterns themselves.
 */
function fastGroups(line: LogLine): [string, string, string] | null {
  if (!CLOCK.test(line.time) || line.nick === "" || line.text.includes("\n")) return null;
  const text = line.text.replace(LEADING_WS, "");
  if (line.action) return HAS_WS.test(line.nick) ? null : [`${line.time} `, `* ${line.nick}`, text];
  return line.nick.includes(">") ? null : [line.time, ` <${line.nick}>`, text];
}

function lineHtml(line: LogLine): string | null {
  const anchor = `<a name="l-${line.n}"></a>`;
  const fast = fastGroups(line);
  if (fast !== null) {
    const [time, nick, text] = fast;
    return line.action
      ? `${anchor}<span class="tm">${time}</span><span class="nka">${htmlEscape(nick)}</span> ` +
          `<span class="ac">${htmlEscape(text)}</span>`
      : `${anchor}<span class="tm">${time}</span><span class="nk">${htmlEscape(nick)}</span> ${messageHtml(text)}`;
  }
  const raw = rawLine(line);
  const spoken = SPOKEN_RE.exec(raw);
  if (spoken !== null) {
    return (
      `${anchor}<span class="tm">${htmlEscape(spoken[1] ?? "")}</span>` +
      `<span class="nk">${htmlEscape(spoken[2] ?? "")}</span> ${messageHtml(spoken[3] ?? "")}`
    );
  }
  const action = ACTION_RE.exec(raw);
  if (action !== null) {
    return (
      `${anchor}<span class="tm">${htmlEscape(action[1] ?? "")}</span>` +
      `<span class="nka">${htmlEscape(action[2] ?? "")}</span> ` +
      `<span class="ac">${htmlEscape(action[3] ?? "")}</span>`
    );
  }
  // MeetBot printed "**error**" and left such a line out of the page.
  return null;
}

/** The `.log.html` of an IRC meeting exactly as zodbot's MeetBot `HTMLlog2` writer produced it. */
export function renderIrcLogHtml(lines: readonly LogLine[], options: IrcLogHtmlOptions): string {
  const out: string[] = [];
  for (const line of lines) {
    const html = lineHtml(line);
    if (html !== null) out.push(html);
  }
  return htmlPage(`${htmlEscape(options.channel)} log`, LOG_STYLE, `<pre>${out.join("\n")}</pre>`);
}
