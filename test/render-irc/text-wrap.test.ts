import { describe, expect, it } from "vitest";
import { fillText, wrapList, wrapText } from "../../src/render/text-wrap.ts";

/**
 * Expected values computed with Python 2.7.18's textwrap and MeetBot's subclass
 * (`wordsep_re = re.compile(r'(\\s+)')`, width 72, `break_long_words=False`) on `unicode` input:
 * `wrapList(text, indent)`.
 */
const PY27_CASES: readonly { text: string; indent: number; want: string }[] = [
  {
    text: "* LINK: Board: https://teams.fedoraproject.org/project/asamalik-fedora-magazine/kanban  (bcotton, 12:08:13)",
    indent: 2,
    want: "  * LINK: Board:\n    https://teams.fedoraproject.org/project/asamalik-fedora-magazine/kanban\n    (bcotton, 12:08:13)",
  },
  {
    text: "* a  b   c    xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx   end",
    indent: 0,
    want: "* a  b   c\n  xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n  end",
  },
  {
    text: "* yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy",
    indent: 2,
    want: "  *\n    yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy",
  },
  {
    text: "\tTab\tbed text\twith tabs and a very long line that goes on and on and on past the edge",
    indent: 0,
    want: "        Tab     bed text        with tabs and a very long line that goes\n  on and on and on past the edge",
  },
  {
    text: "line\nwith\nnewlines and\r\nCRLF\u000bvt\fff and more words to make it wrap around the seventy two col",
    indent: 2,
    want: "  line with newlines and  CRLF vt ff and more words to make it wrap\n    around the seventy two col",
  },
  {
    text: "nbsp\u00a0separated\u00a0words\u00a0nbsp\u00a0separated\u00a0words\u00a0nbsp\u00a0separated\u00a0words\u00a0nbsp\u00a0separated\u00a0words\u00a0nbsp\u00a0separated\u00a0words\u00a0",
    indent: 0,
    want: "nbsp\u00a0separated\u00a0words\u00a0nbsp\u00a0separated\u00a0words\u00a0nbsp\u00a0separated\u00a0words\u00a0nbsp\n  separated\u00a0words\u00a0nbsp\u00a0separated\u00a0words",
  },
  {
    text: "em\u2014dash and \u00e9\u00e8\u00ea accents \ud83d\ude00 emoji em\u2014dash and \u00e9\u00e8\u00ea accents \ud83d\ude00 emoji em\u2014dash and \u00e9\u00e8\u00ea accents \ud83d\ude00 emoji ",
    indent: 4,
    want: "    em\u2014dash and \u00e9\u00e8\u00ea accents \ud83d\ude00 emoji em\u2014dash and \u00e9\u00e8\u00ea accents \ud83d\ude00 emoji\n      em\u2014dash and \u00e9\u00e8\u00ea accents \ud83d\ude00 emoji",
  },
  {
    text: "   leading spaces are kept on the first line of the paragraph which is long enough",
    indent: 0,
    want: "   leading spaces are kept on the first line of the paragraph which is\n  long enough",
  },
  {
    text: "trailing spaces     ",
    indent: 0,
    want: "trailing spaces",
  },
  {
    text: "     ",
    indent: 0,
    want: "",
  },
  {
    text: "",
    indent: 0,
    want: "",
  },
  {
    text: "word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word ",
    indent: 2,
    want: "  word word word word word word word word word word word word word word\n    word word word word word word word word word word word word word\n    word word word",
  },
  {
    text: "hyphen-ated-words-are-not-split-by-meetbot-because-wordsep-is-overridden and-so-on-and-on",
    indent: 0,
    want: "hyphen-ated-words-are-not-split-by-meetbot-because-wordsep-is-overridden\n  and-so-on-and-on",
  },
];

describe("wrapList (Python 2.7 textwrap as MeetBot used it)", () => {
  it.each(PY27_CASES.map((c, i) => [i, c] as const))("case %i matches Python 2.7", (_i, c) => {
    expect(wrapList(c.text, c.indent)).toBe(c.want);
  });

  it("never splits URLs at hyphens (published Magazine minutes)", () => {
    expect(
      wrapList(
        "* LINK: https://teams.fedoraproject.org/project/asamalik-fedora-magazine/us/188?kanban-status=196  (sysoplab, 12:11:57)",
        2,
      ),
    ).toBe(
      [
        "  * LINK:",
        "    https://teams.fedoraproject.org/project/asamalik-fedora-magazine/us/188?kanban-status=196",
        "    (sysoplab, 12:11:57)",
      ].join("\n"),
    );
  });

  it("wraps the (nick, time) suffix like any words (published Magazine minutes)", () => {
    expect(
      wrapList(
        "* Looking at the 'in progress' column, is there something that's been finished? Anything to follow up on with its author?  (bcotton, 12:08:11)",
        2,
      ),
    ).toBe(
      [
        "  * Looking at the 'in progress' column, is there something that's been",
        "    finished? Anything to follow up on with its author?  (bcotton,",
        "    12:08:11)",
      ].join("\n"),
    );
  });

  it("fills the opening paragraph with the URL alone on its line (published IoT minutes)", () => {
    expect(
      fillText(
        "Meeting started by pbrobinson at 14:10:12 UTC.\nThe full logs are available at https://meetbot.fedoraproject.org/fedora-meeting/2020-06-10/fedora_iot_working_group_meeting.2020-06-10-14.10.log.html .",
      ),
    ).toBe(
      [
        "Meeting started by pbrobinson at 14:10:12 UTC. The full logs are",
        "available at",
        "https://meetbot.fedoraproject.org/fedora-meeting/2020-06-10/fedora_iot_working_group_meeting.2020-06-10-14.10.log.html",
        ".",
      ].join("\n"),
    );
  });

  it("keeps a line of exactly the width and breaks one column later", () => {
    const a = "a".repeat(35);
    expect(wrapText(`${a} ${a}x`, { width: 72 })).toEqual([`${a} ${a}x`]);
    expect(wrapText(`${a} ${a}xy`, { width: 72 })).toEqual([a, `${a}xy`]);
  });

  it("counts code points, not UTF-16 units", () => {
    const emoji = "\u{1F600}".repeat(36);
    expect(wrapText(`${emoji} x`, { width: 38 })).toEqual([`${emoji} x`]);
    expect(wrapText(`${emoji} x`, { width: 37 })).toEqual([emoji, "x"]);
  });

  it("returns no lines for blank input", () => {
    expect(wrapText("   ")).toEqual([]);
    expect(fillText("")).toBe("");
  });
});
