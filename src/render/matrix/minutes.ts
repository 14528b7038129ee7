/**
 * Matrix-era minutes, byte-compatible with what maubot-meetings' Fedora backend writes
 * (`text_minutes.j2` → `<stem>.txt`, `html_minutes.j2` → `<stem>.html`, Jinja with `trim_blocks`,
 * `lstrip_blocks`, autoescape for HTML only, the template's final newline dropped).
 *
 * Both walk `meeting.items` in order: topics open a section, every other item is printed with its
 * upper-cased tag. Start = first logged row, end = last logged row (see common.ts).
 */
import type { Item, Meeting } from "../../core/meeting.ts";
import { MATRIX_TAG, firstRow, lastRow, matrixTitle, peoplePresent } from "./common.ts";
import { escapeHtmlJinja as esc } from "./escape.ts";

/** The template's bar: fixed width, whatever the title's length. */
const BAR = "=====================================";

/** Text minutes (`.txt`). No wrapping, no "UTC", no log URL, no by-person section. */
export function renderMatrixTextMinutes(meeting: Meeting): string {
  const first = firstRow(meeting);
  const last = lastRow(meeting);
  let out =
    BAR +
    "\n# " +
    matrixTitle(meeting) +
    "\n" +
    BAR +
    "\n\nMeeting started by " +
    first.nick +
    " at " +
    first.date +
    " " +
    first.time +
    "\n\n\n\nMeeting summary\n---------------\n";

  const actions: Item[] = [];
  for (const it of meeting.items) {
    if (it.kind === "topic") {
      out += "* TOPIC: " + it.text + " (" + it.nick + ", " + it.time + ")\n";
    } else {
      if (it.kind === "action") actions.push(it);
      // Items recorded before the first topic are not indented (the template tests topic != '').
      out +=
        (it.topic == null ? "* " : "    * ") +
        MATRIX_TAG[it.kind] +
        ": " +
        it.text +
        " (" +
        it.nick +
        ", " +
        it.time +
        ")\n";
    }
  }

  out += "\nMeeting ended at " + last.date + " " + last.time + "\n\nAction items\n------------\n";
  // Each action line ends with a space: the template has `{{…}} ` before the newline.
  for (const a of actions) out += "* " + a.text + " \n";

  out += "\nPeople Present (lines said)\n---------------------------\n";
  for (const p of peoplePresent(meeting)) out += "* " + p.nick + " (" + String(p.count) + ")\n";
  return out;
}

const HTML_HEAD_1 =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n' +
  "<!--from OG meetbot will change and cleanup-->\n" +
  "<html>\n" +
  "    <head>\n" +
  '        <meta http-equiv="Content-type" content="text/html;charset=UTF-8">\n' +
  "        <title>";

const HTML_HEAD_2 =
  "</title>\n" +
  '        <style type="text/css">\n' +
  "        /* This is for the .html in the HTML2 writer */\n" +
  "        body {\n" +
  "            font-family: Helvetica, sans-serif;\n" +
  "            font-size:14px;\n" +
  "        }\n" +
  "        h1 {\n" +
  "            text-align: center;\n" +
  "        }\n" +
  "        a {\n" +
  "            color:navy;\n" +
  "            text-decoration: none;\n" +
  "            border-bottom:1px dotted navy;\n" +
  "        }\n" +
  "        a:hover {\n" +
  "            text-decoration:none;\n" +
  "            border-bottom: 0;\n" +
  "            color:#0000B9;\n" +
  "        }\n" +
  "        hr {\n" +
  "            border: 1px solid #ccc;\n" +
  "        }\n" +
  "        /* The (nick, time) item pairs, and other body text things. */\n" +
  "        .details {\n" +
  "            font-size: 12px;\n" +
  "            font-weight:bold;\n" +
  "        }\n" +
  "        /* The 'AGREED:', 'IDEA', etc, prefix to lines. */\n" +
  "        .itemtype {\n" +
  "            font-style: normal;    /* un-italics it */\n" +
  "            font-weight: bold;\n" +
  "        }\n" +
  "        /* Example: change single item types.  Capitalized command name.\n" +
  "        /* .TOPIC  {  color:navy;  } */\n" +
  "        /* .AGREED {  color:lime;  } */\n" +
  "\n" +
  "        </style>\n" +
  "    </head>\n" +
  "<body>\n" +
  "    <h1>";

/**
 * HTML minutes (`.html`). Satisfies mote's contract (§6 of the notes): "Meeting started/ended … at
 * HH:MM:SS UTC" text nodes, `<h3>Meeting summary</h3>` + `<ol>` of topics in `<b class="TOPIC">`,
 * "Action items" + `<ol>` (`(none)` when empty), "People present" + `<ol>`. Quirks kept: the closing
 * `</ol>` of a topic's item list is glued to the next topic's `<li>` line, and the topic `<li>` is
 * closed before its nested `<ol type="a">`.
 */
export function renderMatrixHtmlMinutes(meeting: Meeting): string {
  const first = firstRow(meeting);
  const last = lastRow(meeting);
  const title = esc(matrixTitle(meeting));
  let out =
    HTML_HEAD_1 +
    title +
    HTML_HEAD_2 +
    title +
    '</h1>\n    <span class="details">Meeting started by ' +
    esc(first.nick) +
    " at " +
    first.time +
    " UTC</span>\n    <br><br>\n    <h3>Meeting summary</h3>\n    <ol>\n";

  let firstTopic = true;
  let anyAction = false;
  for (const it of meeting.items) {
    if (it.kind === "topic") {
      if (!firstTopic) out += "</ol>";
      out +=
        '                    <li><b>TOPIC:</b><b class="TOPIC">' +
        esc(it.text) +
        '</b> <span class="details">(' +
        esc(it.nick) +
        ", " +
        it.time +
        ')</span></li>\n                    <ol type="a">\n';
      firstTopic = false;
    } else {
      if (it.kind === "action") anyAction = true;
      out +=
        "                <li>" +
        MATRIX_TAG[it.kind] +
        ": " +
        esc(it.text) +
        " (" +
        esc(it.nick) +
        ", " +
        it.time +
        ")</li>\n";
    }
  }
  if (!firstTopic) out += "            </ol>\n";

  out +=
    "    </ol>\n    <br/>\n    <br/>\n" +
    '    <span class="details">Meeting ended at ' +
    last.time +
    " UTC</span>\n    <br/>\n    <br/>\n\n\n\n<h3>Action items</h3>\n<ol>\n";
  if (anyAction) {
    for (const it of meeting.items) {
      if (it.kind === "action") out += "        <li>" + esc(it.text) + "</li>\n";
    }
  } else {
    out += "    <li>(none)</li>\n";
  }
  out += "</ol>\n<br><br>\n\n\n\n<h3>People present (lines said)</h3>\n<ol>\n";
  for (const p of peoplePresent(meeting)) {
    out += "<li>" + esc(p.nick) + " (" + String(p.count) + ")</li>\n";
  }
  // Jinja drops the template's final newline.
  return out + "</ol>\n<br><br>\n\n\n\n</body></html>";
}
