/**
 * Matrix-era logs as maubot-meetings' Fedora backend writes them (`text_log.j2` → `<stem>.log.txt`,
 * `html_log.j2` → `<stem>.log.html`).
 *
 * The text form is the line shape maubot-meeting-summary scrapes
 * (`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d <(@[^>]+)> `): keep it byte-exact.
 */
import type { LogLine } from "../../core/log-line.ts";
import type { ItemKind, Meeting } from "../../core/meeting.ts";
import { escapeHtmlJinja as esc } from "./escape.ts";

/** One `YYYY-MM-DD HH:MM:SS <sender> text` line per logged row, each ending with `\n`. */
export function renderMatrixLogText(lines: readonly LogLine[]): string {
  let out = "";
  for (const l of lines) out += l.date + " " + l.time + " <" + l.nick + "> " + l.text + "\n";
  return out;
}

/** The tag stored in the bot's log table for a line that recorded an item of this kind. */
const ROW_TAG: Readonly<Record<ItemKind, string>> = {
  topic: "topic",
  info: "info",
  idea: "idea",
  help: "halp",
  link: "link",
  action: "action",
  agreed: "agreed",
  accepted: "accepted",
  rejected: "rejected",
};

const COMMAND = /^!(\S+)/;

const HEAD_1 =
  '<!DOCTYPE html>\n<html lang="en">\n    <head>\n        <meta charset="UTF-8">\n' +
  '        <meta name="viewport" content="width=device-width, initial-scale=1.0">\n' +
  '        <meta http-equiv="X-UA-Compatible" content="ie=edge">\n        <title>';

const HEAD_2 =
  " log</title>\n" +
  '        <style type="text/css">\n' +
  "            .time  { color: #007020;}\n" +
  "            .nick  { color: #062873; font-weight: bold;}\n" +
  "            .topic     { color: #007020; font-weight: bold;}\n" +
  "            .tag{color: #ff00ff; font-weight:bold}\n" +
  "            .startmeeting, .endmeeting, .meetingname{color: #0000ff; font-weight:bold}\n" +
  "\n" +
  "            .mono {font-family:monospace;}\n" +
  "            .d-table {display:table;}\n" +
  "            .d-table-row {display:table-row;}\n" +
  "            .d-table-cell {display: table-cell;}\n" +
  "            .max {min-width: 100%;}\n" +
  "            .shrink {min-width:1%; white-space:nowrap;}\n" +
  "            .stretch {min-width: 99%;}\n" +
  "            .prewrap {white-space: pre-wrap;}\n" +
  "            .pe-1{padding-right:1em;}\n" +
  "            .text-right{text-align:right;}\n" +
  "        </style>\n" +
  "    </head>\n" +
  "    <body>\n" +
  '        <div class="d-table max mono">\n';

/**
 * HTML log: a div table, one row per line with `id="l-N"` (N = `LogLine.n`), cells `nick`, `time`
 * and the text cell whose classes carry the line's tag (`<tag> tag`) and its `!command` name.
 * Lower confidence than the text form: reconstructed from an older upstream template and the rendered
 * text of a published page; the class attribute has not been compared with a real file.
 */
export function renderMatrixLogHtml(meeting: Meeting): string {
  const tagByLine = new Map<number, string>();
  for (const it of meeting.items) tagByLine.set(it.line, ROW_TAG[it.kind]);
  let out = HEAD_1 + esc(meeting.channel) + HEAD_2;
  for (const l of meeting.lines) {
    const tag = tagByLine.get(l.n);
    const cmd = COMMAND.exec(l.text);
    out +=
      '            <div class="d-table-row" id="l-' +
      String(l.n) +
      '">\n                <div class="d-table-cell nick shrink text-right pe-1"> &lt;' +
      esc(l.nick) +
      '&gt; </div>\n                <div class="d-table-cell time shrink pe-1">' +
      l.time +
      '</div>\n                <div class="d-table-cell stretch prewrap ' +
      (tag === undefined ? "" : tag + " tag") +
      " " +
      (cmd == null ? "" : esc(cmd[1] ?? "")) +
      '">' +
      esc(l.text) +
      "</div>\n            </div>\n";
  }
  return out + "        </div>\n    </body>\n</html>";
}
