import { describe, expect, it } from "vitest";
import type { Node } from "unist";
import type { Item, Meeting } from "../../src/core/meeting.ts";
import {
  meetingToMdast,
  neutralize,
  renderMarkdownMinutes,
} from "../../src/render/markdown/index.ts";
import { item, line, matrixMeeting } from "../render-matrix/helpers.ts";

const ZWJ = "\u200D";
const A = "@alice:example.org";
const B = "@bob:example.org";
const L = [
  line(1, "14:00:00", A, "!startmeeting Test"),
  line(2, "14:00:05", A, "!info hello"),
  line(3, "14:00:10", A, "!topic First"),
  line(4, "14:00:11", B, "!action @bob write docs"),
  line(5, "14:00:12", A, "!link https://example.org/t/1 the ticket"),
  line(6, "14:00:20", A, "!topic Second"),
  line(7, "14:00:21", A, "!agreed ship it"),
  line(8, "14:00:22", A, "!rejected drop it"),
  line(9, "14:00:23", B, "!idea maybe"),
  line(10, "15:02:00", A, "!endmeeting"),
];
const ITEMS: Item[] = [
  item("info", "hello", L[1]!, null),
  item("topic", "First", L[2]!, null),
  item("action", "@bob write docs", L[3]!, "First"),
  item("link", "https://example.org/t/1 the ticket", L[4]!, "First"),
  item("topic", "Second", L[5]!, "First"),
  item("agreed", "ship it", L[6]!, "Second"),
  item("rejected", "drop it", L[7]!, "Second"),
  item("idea", "maybe", L[8]!, "Second"),
];
const M: Meeting = matrixMeeting(L, ITEMS, {
  title: "Test meeting",
  chairs: [A],
  attendees: [
    { nick: B, lines: 2 },
    { nick: A, lines: 8 },
    { nick: "@meetbot:fedora.im", lines: 2 },
  ],
});

describe("renderMarkdownMinutes", () => {
  it("renders the whole minutes", () => {
    const md = renderMarkdownMinutes(M, {
      logUrl: "https://meetbot.example/test.log.html",
      ownersOf: (i) => (i.text.startsWith("@bob") ? ["@bob-gh"] : []),
    });
    expect(md).toBe(
      [
        "# Test meeting",
        "",
        `2026-05-06 14:00:00–15:02:00 UTC · Chairs: @${ZWJ}alice:example.org`,
        "",
        "[Full log](https://meetbot.example/test.log.html)",
        "",
        "- **INFO** hello",
        "",
        "## First",
        "",
        `- **ACTION** @${ZWJ}bob write docs`,
        "- **LINK** <https://example.org/t/1> the ticket",
        "",
        "## Second",
        "",
        "- **AGREED** ship it",
        "- **REJECTED** drop it",
        "- **IDEA** maybe",
        "",
        "## Action items",
        "",
        `- @${ZWJ}bob write docs — @${ZWJ}bob-gh`,
        "",
        "## Action items, by person",
        "",
        `- @${ZWJ}bob-gh`,
        `  - @${ZWJ}bob write docs`,
        "",
        "## Decisions",
        "",
        "- **AGREED** ship it",
        "- **REJECTED** drop it",
        "",
        "## People present",
        "",
        `- @${ZWJ}alice:example.org (8)`,
        `- @${ZWJ}bob:example.org (2)`,
        `- @${ZWJ}meetbot:fedora.im (2)`,
        "",
      ].join("\n"),
    );
  });

  it("shows (none), no owners by default, no log link without a URL, and an open end", () => {
    const m = matrixMeeting(L, [item("topic", "Only", L[2]!, null)], { end: null, chairs: [] });
    const md = renderMarkdownMinutes(m);
    expect(md).toContain("2026-05-06 14:00:00 UTC (the log stops before the meeting was ended)\n");
    expect(md).not.toContain("Chairs");
    expect(md).not.toContain("Full log");
    expect(md).toContain("## Action items\n\n(none)\n\n## Decisions\n\n(none)\n");
    const plain = renderMarkdownMinutes(M);
    expect(plain).toContain(`- @${ZWJ}bob write docs\n`);
  });

  it("prints the end date when the meeting crosses midnight", () => {
    const m = matrixMeeting(L, ITEMS, {
      end: { line: 10, date: "2026-05-07", time: "00:10:00" },
    });
    expect(renderMarkdownMinutes(m)).toContain("14:00:00–2026-05-07 00:10:00 UTC");
  });

  it("refuses a log URL that is neither http(s) nor relative", () => {
    for (const bad of ["javascript:alert(1)", "data:text/html,x", "JAVASCRIPT:x", "a b"]) {
      expect(() => renderMarkdownMinutes(M, { logUrl: bad })).toThrow(RangeError);
    }
    expect(renderMarkdownMinutes(M, { logUrl: "/council/x.log.html" })).toContain(
      "[Full log](/council/x.log.html)",
    );
    expect(renderMarkdownMinutes(M, { logUrl: "x.log.html#l-3" })).toContain(
      "[Full log](x.log.html#l-3)",
    );
  });
});

describe("hostile user text", () => {
  const hostile = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![img](http://x/p.png)",
    "@everyone and @room",
    "use `code` and ``more``",
    "***bold*** **x** *y*",
    "# not a heading",
    "a | b | c",
    "<a@b.example> <http://x.example>",
    "&lt; &#123;",
    "line one\nline two\n---",
    "~~struck~~ see #565",
  ];
  const Lh = hostile.map((t, i) => line(i + 2, "14:00:10", "@mallory:evil.example", t));
  const items: Item[] = [
    item("topic", "# Topic <b>bold</b> | x @here", Lh[0]!, null),
    ...hostile.map((t, i) => item("info", t, Lh[i]!, "x")),
    item("action", "@everyone `rm -rf` [x](javascript:alert(1))", Lh[0]!, "x"),
    item("link", "javascript:alert(1) click", Lh[1]!, "x"),
    item("link", "https://ok.example/a?b=c&d=e) <x>", Lh[1]!, "x"),
  ];
  const m = matrixMeeting([line(1, "14:00:00", "@a:x", "!startmeeting"), ...Lh], items, {
    title: "<img src=x onerror=alert(1)> @everyone",
    chairs: ["@everyone", "#1"],
    attendees: [{ nick: "# @room <b>", lines: 3 }],
  });
  const md = renderMarkdownMinutes(m, { ownersOf: () => ["@deliberate"] });
  const lines = md.split("\n");

  it("builds no html nodes and links only to http(s)", () => {
    const tree = meetingToMdast(m);
    const types = new Set<string>();
    const urls: string[] = [];
    const walk = (n: Node) => {
      types.add(n.type);
      if (n.type === "link" || n.type === "image") urls.push((n as unknown as { url: string }).url);
      for (const c of (n as { children?: Node[] }).children ?? []) walk(c);
    };
    walk(tree);
    expect(types.has("html")).toBe(false);
    expect(types.has("image")).toBe(false);
    expect(urls).toEqual(["https://ok.example/a?b=c&d=e)"]);
  });

  it("escapes raw HTML", () => {
    // The only unescaped "<": the autolink of the http(s) LINK item, checked below.
    const rest = md.replace("<https://ok.example/a?b=c&d=e)>", "");
    expect(rest).not.toMatch(/(^|[^\\])</m);
    expect(md).toContain("\\<script>alert(1)\\</script>");
    expect(md).toContain("# \\<img src=x onerror=alert(1)>");
  });

  it("turns no user text into links or images", () => {
    expect(md).not.toContain("](javascript");
    expect(md).not.toContain("![");
    expect(md).toContain("\\[x]\\(javascript:alert(1))");
    expect(md).toContain("- **LINK** javascript:alert(1) click\n");
    // The one real link: an http(s) LINK item, the rest of its text escaped.
    expect(md).toContain("- **LINK** <https://ok.example/a?b=c&d=e)> \\<x>\n");
  });

  it("neutralises every @-mention, owners included (nicks and Matrix IDs are not tracker logins)", () => {
    expect(md).not.toMatch(/@(?!\u200D)/);
    expect(md).toContain(`@${ZWJ}everyone and @${ZWJ}room`);
    expect(md).toContain(`Chairs: @${ZWJ}everyone, #${ZWJ}1`);
    expect(md).toContain(` — @${ZWJ}deliberate\n`);
  });

  it("escapes backticks, emphasis runs, pipes and strikethrough", () => {
    expect(md).not.toMatch(/(^|[^\\])`/m);
    expect(md).toContain("\\*\\*\\*bold\\*\\*\\* \\*\\*x\\*\\* \\*y\\*");
    expect(md).toContain("a \\| b \\| c");
    expect(md).toContain("\\~\\~struck\\~\\~");
    expect(md).not.toMatch(/(^|[^\\])\|/m);
    expect(md).toContain(`\\&lt; \\&#${ZWJ}123;`);
  });

  it("keeps each item on one line and leading # as text", () => {
    expect(lines).toContain("- **INFO** line one line two ---");
    expect(lines).toContain("- **INFO** # not a heading");
    expect(lines).toContain(`## # Topic \\<b>bold\\</b> \\| x @${ZWJ}here`);
    expect(lines).toContain(`- \\# @${ZWJ}room \\<b> (3)`);
    // The title, one topic, and four sections (action items, by person, decisions, people).
    expect(lines.filter((l) => l.startsWith("#"))).toHaveLength(6);
  });

  it("breaks issue references", () => {
    expect(md).toContain(`see #${ZWJ}565`);
    expect(md).not.toMatch(/#\d/);
  });
});

describe("neutralize", () => {
  it("inserts a zero-width joiner after @ and before issue numbers, flattens control characters", () => {
    expect(neutralize("hi @all")).toBe(`hi @${ZWJ}all`);
    expect(neutralize("#12 #x")).toBe(`#${ZWJ}12 #x`);
    expect(neutralize("a\r\nb\tc\u2028d")).toBe("a  b c d");
    expect(neutralize("plain")).toBe("plain");
  });
});
