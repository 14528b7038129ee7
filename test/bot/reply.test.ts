import { describe, expect, it } from "vitest";
import { COMMANDS, helpText } from "../../commands/index.ts";
import { renderReply } from "../../src/bot/reply.ts";

const ZWJ = "\u200D";

describe("renderReply", () => {
  it("renders a list with bold text and a link", () => {
    const reply = renderReply(
      "- **#7** rebuild [the docs](https://example.org/docs)\n- see [https://example.org](https://example.org)",
    );
    expect(reply.body).toBe(
      "- #7 rebuild the docs (https://example.org/docs)\n- see https://example.org",
    );
    expect(reply.html).toBe(
      [
        "<ul>",
        '<li><strong>#7</strong> rebuild <a href="https://example.org/docs">the docs</a></li>',
        '<li>see <a href="https://example.org">https://example.org</a></li>',
        "</ul>",
      ].join("\n"),
    );
  });

  it("drops backslash escapes from the body and shows the literal characters in the HTML", () => {
    const reply = renderReply("snake\\_case \\#topic \\!done \\*not bold\\*");
    expect(reply.body).toBe("snake_case #topic !done *not bold*");
    expect(reply.html).toBe("<p>snake_case #topic !done *not bold*</p>");
  });

  it("never lets raw HTML through as markup", () => {
    const reply = renderReply(
      "say <b>x</b> and <img src=x onerror=alert(1)>\n\n<img src=x onerror=alert(1)>\n\nend",
    );
    // remark-rehype without allowDangerousHtml drops raw HTML nodes outright (not escaped).
    expect(reply.html).toBe("<p>say x and </p>\n<p>end</p>");
    expect(reply.html).not.toContain("<img");
    expect(reply.html).not.toContain("<b>");
    expect(reply.html).not.toContain("onerror");
    // The body is plain text, never interpreted as markup: the characters stay as typed.
    expect(reply.body).toBe(
      "say <b>x</b> and <img src=x onerror=alert(1)>\n\n<img src=x onerror=alert(1)>\n\nend",
    );
  });

  it("keeps the zero-width joiner after @ in both", () => {
    const reply = renderReply(`ping @${ZWJ}room about \`@${ZWJ}everyone\``);
    expect(reply.body).toBe(`ping @${ZWJ}room about @${ZWJ}everyone`);
    expect(reply.html).toBe(`<p>ping @${ZWJ}room about <code>@${ZWJ}everyone</code></p>`);
  });

  it("indents nested lists by two spaces", () => {
    const reply = renderReply("- a\n  - b\n    - c\n- d");
    expect(reply.body).toBe("- a\n  - b\n    - c\n- d");
    expect(reply.html).toContain("<li>a\n<ul>\n<li>b\n<ul>\n<li>c</li>");
  });

  it("numbers ordered lists from their start", () => {
    expect(renderReply("1. one\n2. two").body).toBe("1. one\n2. two");
    expect(renderReply("3. three\n4. four").body).toBe("3. three\n4. four");
    expect(renderReply("1. one\n2. two").html).toBe("<ol>\n<li>one</li>\n<li>two</li>\n</ol>");
  });

  it("separates paragraphs by one blank line and keeps hard breaks", () => {
    const reply = renderReply("**Open actions**\n\nfirst  \nsecond\n\n`done`");
    expect(reply.body).toBe("Open actions\n\nfirst\nsecond\n\ndone");
    expect(reply.html).toBe(
      "<p><strong>Open actions</strong></p>\n<p>first<br>\nsecond</p>\n<p><code>done</code></p>",
    );
  });

  it("renders the help text without Markdown syntax in the body", () => {
    const reply = renderReply(helpText(COMMANDS));
    expect(reply.body).toContain("!startmeeting");
    expect(reply.body).not.toMatch(/[\\`]/);
    expect(reply.body).not.toContain("**");
    expect(reply.body.split("\n")).toContain("Running a meeting");
    expect(reply.html).toContain("<code>!startmeeting &#x3C;title></code>");
    expect(reply.html).not.toMatch(/\n$/);
  });
});
