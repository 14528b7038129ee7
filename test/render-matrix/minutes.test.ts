import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  renderMatrixHtmlMinutes,
  renderMatrixLogHtml,
  renderMatrixLogText,
  renderMatrixTextMinutes,
} from "../../src/render/matrix/index.ts";
import type { Item } from "../../src/core/meeting.ts";
import { collapse, item, line, matrixMeeting, splitCollapsedMatrixLog } from "./helpers.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8");
const REAL_MINUTES = fixture("council.2026-05-06-14.01.txt");
const REAL_LOG = splitCollapsedMatrixLog(fixture("council.2026-05-06-14.01.log.txt"));

/** The log line carrying a `!cmd …` command, and the command's argument. */
function command(cmd: string, time: string) {
  const l = REAL_LOG.find((x) => x.time === time && x.text.startsWith(`!${cmd} `));
  if (l === undefined) throw new Error(`no !${cmd} at ${time}`);
  return { at: l, arg: l.text.slice(cmd.length + 2) };
}

describe("Matrix text minutes against Fedora's published council.2026-05-06-14.01.txt", () => {
  it("splits the collapsed log copy into the lines it holds", () => {
    expect(REAL_LOG.length).toBe(22);
    expect(REAL_LOG[21]!.text).toBe("Gordon Mess");
    expect(REAL_LOG[0]).toMatchObject({
      n: 1,
      time: "14:01:38",
      nick: "@jflory7:fedora.im",
      text: "!startmeeting Fedora Council - 2026-05-06",
    });
    expect(REAL_LOG[5]!.text).toBe("👋");
  });

  it("reproduces the summary the log copy covers (built from the log lines only)", () => {
    const topic = command("topic", "14:02:25");
    const info = command("info", "14:02:32");
    const items: Item[] = [
      item("topic", topic.arg, topic.at, null),
      item("info", info.arg, info.at, topic.arg),
    ];
    const out = collapse(renderMatrixTextMinutes(matrixMeeting(REAL_LOG, items)));
    // The log copy stops at 14:03:29: everything after the last item is beyond what it covers.
    const covered = out.slice(0, out.indexOf(" Meeting ended at"));
    expect(covered).toContain("today's meeting");
    expect(covered.endsWith("(@jflory7:fedora.im, 14:02:32)")).toBe(true);
    expect(REAL_MINUTES.startsWith(covered + " * INFO: Council members present")).toBe(true);
  });

  it("reproduces the whole 2000-byte copy when the later items are added by hand", () => {
    // The log copy is truncated at 14:03:29; the items after it are typed from the minutes copy, so
    // this checks tags, indentation and suffixes of LINK/ACTION/AGREED/IDEA lines, not their text.
    const topic = command("topic", "14:02:25");
    const info = command("info", "14:02:32");
    let n = 100;
    const by = "@jflory7:fedora.im";
    const at = (time: string) => line(++n, time, by, "");
    const t2 = "Meeting Agenda";
    const t3 = "#565: F44 Council Interview Questions (due: 21 May 2026)";
    const items: Item[] = [
      item("topic", topic.arg, topic.at, null),
      item("info", info.arg, info.at, topic.arg),
      item(
        "info",
        "Council members present: @jflory7, @dcantrell, @t0xic0der, @churchyard, @pbokoc, @jspaleta",
        at("14:06:02"),
        topic.arg,
      ),
      item("topic", t2, at("14:06:09"), topic.arg),
      item(
        "link",
        "https://fedoraproject.org/wiki/Council_Meetings#Next_Meeting_Agenda",
        at("14:06:13"),
        t2,
      ),
      item("link", "https://forge.fedoraproject.org/council/-/projects/2", at("14:06:22"), t2),
      item("topic", t3, at("14:07:55"), t2),
      item(
        "link",
        "https://forge.fedoraproject.org/council/tickets/issues/565",
        at("14:08:00"),
        t3,
      ),
      item(
        "action",
        "@t0xic0der Create a Google Doc with the Council interview questions and share with all Council members for edits",
        at("14:11:34"),
        t3,
      ),
      item(
        "action",
        "@t0xic0der Send a mail to council-private@lists.fp.o with the Google Docs link when ready, prompt Council members to weigh in and provide feedback",
        at("14:11:57"),
        t3,
      ),
      item(
        "agreed",
        "Deadline for feedback is by 19 May 2026, preceding the next Council meeting. On the 20 May 2026 meeting, we take a formal ticket-driven vote.",
        at("14:12:26"),
        t3,
      ),
      item(
        "idea",
        "We have too many questions and they also feel too abstract/outdated. Suggested to narrow it down to three critical questions.",
        at("14:12:42"),
        t3,
      ),
      item(
        "idea",
        "@jspaleta suggests we all make votes for our top three questions and see what has the most appeal to the whole Council",
        at("14:13:07"),
        t3,
      ),
      // The copy ends in "* INF": any INFO item continues it.
      item("info", "(text beyond the copy)", at("14:14:00"), t3),
    ];
    const out = collapse(renderMatrixTextMinutes(matrixMeeting(REAL_LOG, items)));
    expect(REAL_MINUTES.length).toBeGreaterThan(1900);
    expect(out.slice(0, REAL_MINUTES.length)).toBe(REAL_MINUTES);
  });
});

// A constructed meeting exercising every layout rule of the templates.
const A = "@alice:example.org";
const B = "@bob:example.org";
const BOT = "@meetbot:fedora.im";
const L = [
  line(1, "14:00:00", A, "!startmeeting Test"),
  line(2, "14:00:01", BOT, "Meeting started at 2026-05-06 14:00:00 UTC"),
  line(3, "14:00:05", A, "!info early bird"),
  line(4, "14:00:10", A, "!topic First  "),
  line(5, "14:00:11", B, `!action @bob do "it" & <b>'s</b>`),
  line(6, "14:00:11", B, ""),
  line(7, "14:00:13", A, "!info"),
  line(8, "14:00:20", A, "!topic Second"),
  line(9, "14:00:21", A, "!agreed yes"),
  line(10, "14:00:22", A, "!halp need help"),
  line(11, "14:01:00", A, "!endmeeting"),
];
const ITEMS: Item[] = [
  item("info", "early bird", L[2]!, null),
  item("topic", "First  ", L[3]!, null),
  item("action", `@bob do "it" & <b>'s</b>`, L[4]!, "First  "),
  item("info", "", L[6]!, "First  "),
  item("topic", "Second", L[7]!, "First  "),
  item("agreed", "yes", L[8]!, "Second"),
  item("help", "need help", L[9]!, "Second"),
];
const M = matrixMeeting(L, ITEMS, { channel: "#test:example.org", name: "test" });

describe("renderMatrixTextMinutes", () => {
  it("follows text_minutes.j2 byte for byte", () => {
    expect(renderMatrixTextMinutes(M)).toBe(
      [
        "=====================================",
        "# #test:example.org: test",
        "=====================================",
        "",
        "Meeting started by @alice:example.org at 2026-05-06 14:00:00",
        "",
        "",
        "",
        "Meeting summary",
        "---------------",
        "* INFO: early bird (@alice:example.org, 14:00:05)",
        "* TOPIC: First   (@alice:example.org, 14:00:10)",
        `    * ACTION: @bob do "it" & <b>'s</b> (@bob:example.org, 14:00:11)`,
        "    * INFO:  (@alice:example.org, 14:00:13)",
        "* TOPIC: Second (@alice:example.org, 14:00:20)",
        "    * AGREED: yes (@alice:example.org, 14:00:21)",
        "    * HALP: need help (@alice:example.org, 14:00:22)",
        "",
        "Meeting ended at 2026-05-06 14:01:00",
        "",
        "Action items",
        "------------",
        `* @bob do "it" & <b>'s</b> `,
        "",
        "People Present (lines said)",
        "---------------------------",
        "* @alice:example.org (8)",
        "* @bob:example.org (2)",
        "* @meetbot:fedora.im (1)",
        "",
      ].join("\n"),
    );
  });

  it("keeps the bar width fixed and never wraps", () => {
    const long = "x".repeat(300);
    const m = matrixMeeting(L, [item("info", long, L[2]!, "T")], {
      name: "a very long name ".repeat(5),
    });
    const out = renderMatrixTextMinutes(m);
    expect(out.split("\n")[0]).toBe("=".repeat(37));
    expect(out).toContain(`    * INFO: ${long} (@alice:example.org, 14:00:05)\n`);
  });

  it("ends at the last logged line even when it is not the end moment", () => {
    const extra = [...L, line(12, "14:01:02", BOT, "Text Log: https://x/a.log.txt")];
    const out = renderMatrixTextMinutes(matrixMeeting(extra, ITEMS));
    expect(out).toContain("\nMeeting ended at 2026-05-06 14:01:02\n");
    expect(out).toContain("* @meetbot:fedora.im (2)\n");
  });

  it("prints an empty action list as nothing at all", () => {
    const out = renderMatrixTextMinutes(
      matrixMeeting(
        L,
        ITEMS.filter((i) => i.kind !== "action"),
      ),
    );
    expect(out).toContain("Action items\n------------\n\nPeople Present");
  });
});

describe("renderMatrixHtmlMinutes", () => {
  const html = renderMatrixHtmlMinutes(M);

  it("follows html_minutes.j2 for the body", () => {
    const body = html.slice(html.indexOf("<body>"));
    expect(body).toBe(
      [
        "<body>",
        "    <h1>#test:example.org: test</h1>",
        '    <span class="details">Meeting started by @alice:example.org at 14:00:00 UTC</span>',
        "    <br><br>",
        "    <h3>Meeting summary</h3>",
        "    <ol>",
        "                <li>INFO: early bird (@alice:example.org, 14:00:05)</li>",
        '                    <li><b>TOPIC:</b><b class="TOPIC">First  </b> <span class="details">(@alice:example.org, 14:00:10)</span></li>',
        '                    <ol type="a">',
        "                <li>ACTION: @bob do &#34;it&#34; &amp; &lt;b&gt;&#39;s&lt;/b&gt; (@bob:example.org, 14:00:11)</li>",
        "                <li>INFO:  (@alice:example.org, 14:00:13)</li>",
        '</ol>                    <li><b>TOPIC:</b><b class="TOPIC">Second</b> <span class="details">(@alice:example.org, 14:00:20)</span></li>',
        '                    <ol type="a">',
        "                <li>AGREED: yes (@alice:example.org, 14:00:21)</li>",
        "                <li>HALP: need help (@alice:example.org, 14:00:22)</li>",
        "            </ol>",
        "    </ol>",
        "    <br/>",
        "    <br/>",
        '    <span class="details">Meeting ended at 14:01:00 UTC</span>',
        "    <br/>",
        "    <br/>",
        "",
        "",
        "",
        "<h3>Action items</h3>",
        "<ol>",
        "        <li>@bob do &#34;it&#34; &amp; &lt;b&gt;&#39;s&lt;/b&gt;</li>",
        "</ol>",
        "<br><br>",
        "",
        "",
        "",
        "<h3>People present (lines said)</h3>",
        "<ol>",
        "<li>@alice:example.org (8)</li>",
        "<li>@bob:example.org (2)</li>",
        "<li>@meetbot:fedora.im (1)</li>",
        "</ol>",
        "<br><br>",
        "",
        "",
        "",
        "</body></html>",
      ].join("\n"),
    );
  });

  it("escapes the title, also in <title>", () => {
    const m = matrixMeeting(L, ITEMS, { name: `<x> "q" 'a' & b` });
    const out = renderMatrixHtmlMinutes(m);
    const t = "#meeting:fedoraproject.org: &lt;x&gt; &#34;q&#34; &#39;a&#39; &amp; b";
    expect(out).toContain(`<title>${t}</title>`);
    expect(out).toContain(`<h1>${t}</h1>`);
    expect(out).not.toContain("<x>");
  });

  it("satisfies mote's parsing contract", () => {
    expect(html).toMatch(/^<!DOCTYPE HTML PUBLIC/);
    expect(/Meeting started.* at (\d+:\d+:\d+) UTC/.exec(html)?.[1]).toBe("14:00:00");
    expect(/Meeting ended.* at (\d+:\d+:\d+) UTC/.exec(html)?.[1]).toBe("14:01:00");
    expect(html).toMatch(/<h3>Meeting summary<\/h3>\s*<ol>/);
    expect(html).toMatch(/Action items<\/h3>\s*<ol>/);
    expect(html).toMatch(/People present \(lines said\)<\/h3>\s*<ol>\s*<li>/);
    expect(html.match(/<b class="TOPIC">/g)).toHaveLength(2);
  });

  it("writes (none) when there are no actions, and no nested list without topics", () => {
    const out = renderMatrixHtmlMinutes(matrixMeeting(L, [item("info", "x", L[2]!, null)]));
    expect(out).toContain("<ol>\n    <li>(none)</li>\n</ol>");
    expect(out).not.toContain('<ol type="a">');
    expect(out).toContain(
      "    <ol>\n                <li>INFO: x (@alice:example.org, 14:00:05)</li>\n    </ol>",
    );
  });
});

describe("Matrix logs", () => {
  it("writes the text log lines in the scraped shape", () => {
    const out = renderMatrixLogText(L.slice(0, 2));
    expect(out).toBe(
      "2026-05-06 14:00:00 <@alice:example.org> !startmeeting Test\n" +
        "2026-05-06 14:00:01 <@meetbot:fedora.im> Meeting started at 2026-05-06 14:00:00 UTC\n",
    );
    const summaryRe = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d <(@[^>]+)> /g;
    expect([...out.matchAll(summaryRe)].map((m) => m[1])).toEqual([A, BOT]);
  });

  it("round-trips the real log copy's lines", () => {
    const out = renderMatrixLogText(REAL_LOG);
    const real = fixture("council.2026-05-06-14.01.log.txt");
    expect(collapse(out)).toBe(collapse(real));
  });

  it("writes the HTML log with anchors, tags and command classes, escaped", () => {
    const out = renderMatrixLogHtml(M);
    expect(out).toContain('<div class="d-table-row" id="l-4">');
    expect(out).toContain('prewrap topic tag topic">!topic First  </div>');
    expect(out).toContain('prewrap halp tag halp">!halp need help</div>');
    expect(out).toContain('prewrap  startmeeting">!startmeeting Test</div>');
    expect(out).toContain('prewrap  ">Meeting started at');
    expect(out).toContain("!action @bob do &#34;it&#34; &amp; &lt;b&gt;&#39;s&lt;/b&gt;</div>");
    expect(out).toContain("<title>#test:example.org log</title>");
    expect(out.match(/class="d-table-row"/g)).toHaveLength(L.length);
  });
});
