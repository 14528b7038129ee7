import { describe, expect, it } from "vitest";
import type { LogLine } from "../../src/core/log-line.ts";
import { renderIrcLogHtml } from "../../src/render/irc/log-html.ts";

let n = 0;
function line(nick: string, text: string, action = false): LogLine {
  n++;
  return { n, date: "2020-06-10", time: "12:00:00", nick, action, text };
}

/** The `<pre>` body lines of a rendered log. */
function body(lines: LogLine[]): string[] {
  const html = renderIrcLogHtml(lines, { channel: "#chan" });
  const pre = /<pre>([\s\S]*)<\/pre>/.exec(html);
  return (pre?.[1] ?? "")
    .split("\n")
    .map((l) => l.replace(/^<a name="l-\d+"><\/a><span class="tm">12:00:00 ?<\/span>/, ""));
}

describe("renderIrcLogHtml", () => {
  it("wraps lines in MeetBot's page with the channel in the title", () => {
    n = 0;
    const html = renderIrcLogHtml([line("a", "hi")], { channel: "#fedora-meeting" });
    expect(html).toContain("<title>#fedora-meeting log</title>\n<style");
    expect(html).toContain(
      '<pre><a name="l-1"></a><span class="tm">12:00:00</span><span class="nk"> &lt;a&gt;</span> hi</pre>',
    );
    expect(html.endsWith("</pre>\n</body></html>\n")).toBe(true);
  });

  it("marks #topic, other #words, addressed nicks and /me lines", () => {
    expect(
      body([
        line("a", "#topic Roll call"),
        line("a", "#TOPIC Loud"),
        line("a", "#topicless"),
        line("a", "#chair x y"),
        line("a", "#endmeeting"),
        line("a", "#184 is done"),
        line("a", "# not a command"),
        line("a", "bob: hi"),
        line("a", "bob:hi"),
        line("a", "a:b: c"),
        line("a", "see #info later"),
        line("a", "pours coffee", true),
      ]),
    ).toEqual([
      '<span class="nk"> &lt;a&gt;</span> <span class="topic">#topic </span><span class="topicline">Roll call</span>',
      '<span class="nk"> &lt;a&gt;</span> <span class="cmd">#TOPIC </span><span class="cmdline">Loud</span>',
      '<span class="nk"> &lt;a&gt;</span> <span class="topic">#topic</span><span class="topicline">less</span>',
      '<span class="nk"> &lt;a&gt;</span> <span class="cmd">#chair </span><span class="cmdline">x y</span>',
      '<span class="nk"> &lt;a&gt;</span> <span class="cmd">#endmeeting</span><span class="cmdline"></span>',
      '<span class="nk"> &lt;a&gt;</span> <span class="cmd">#184 </span><span class="cmdline">is done</span>',
      '<span class="nk"> &lt;a&gt;</span> # not a command',
      '<span class="nk"> &lt;a&gt;</span> <span class="hi">bob:</span> hi',
      '<span class="nk"> &lt;a&gt;</span> bob:hi',
      '<span class="nk"> &lt;a&gt;</span> <span class="hi">a:b:</span> c',
      '<span class="nk"> &lt;a&gt;</span> see #info later',
      '<span class="nka">* a</span> <span class="ac">pours coffee</span>',
    ]);
  });

  it("escapes user text so that it never becomes markup", () => {
    expect(
      body([
        line("a", "<script>alert(1)</script> & co"),
        line("a", "#link <b>x</b>"),
        line("a", "<b>: x"),
        line("a", "<img src=x onerror=alert(1)>", true),
      ]),
    ).toEqual([
      '<span class="nk"> &lt;a&gt;</span> &lt;script&gt;alert(1)&lt;/script&gt; &amp; co',
      '<span class="nk"> &lt;a&gt;</span> <span class="cmd">#link </span><span class="cmdline">&lt;b&gt;x&lt;/b&gt;</span>',
      '<span class="nk"> &lt;a&gt;</span> <span class="hi">&lt;b&gt;:</span> x',
      '<span class="nka">* a</span> <span class="ac">&lt;img src=x onerror=alert(1)&gt;</span>',
    ]);
  });

  it("keeps the l-N anchors of the log and leaves out lines MeetBot could not read", () => {
    n = 0;
    const html = renderIrcLogHtml([line("a", "one"), line("", "two"), line("b", "three")], {
      channel: "#c",
    });
    expect(html).toContain('<a name="l-1"></a>');
    expect(html).not.toContain('name="l-2"');
    expect(html).toContain('<a name="l-3"></a>');
  });
});
