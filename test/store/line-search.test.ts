import { describe, expect, it } from "vitest";
import type { LogLine } from "../../src/core/log-line.ts";
import { LineMatcher, searchLog } from "../../src/store/line-search.ts";
import { encodeLogRows } from "../../src/store/log-rows.ts";

function snippet(query: string, text: string): string | null {
  const matcher = LineMatcher.of(query);
  if (matcher === null) throw new Error("no words");
  return matcher.snippet(text);
}

describe("LineMatcher", () => {
  it("has nothing to match without words", () => {
    expect(LineMatcher.of(' "*:-() ')).toBeNull();
  });

  it("needs every word, as a whole word, in any order and case", () => {
    expect(snippet("beta compose", "the Compose for BETA is red")).toBe(
      "the «Compose» for «BETA» is red",
    );
    expect(snippet("beta compose", "the compose is red")).toBeNull();
    expect(snippet("compose", "composes and recomposed")).toBeNull();
    expect(snippet("foo-bar", "a foo bar")).toBe("a «foo» «bar»");
  });

  it("folds case and diacritics as unicode61 does", () => {
    expect(snippet("ete", "un été chaud")).toBe("un «été» chaud");
    expect(snippet("ÉTÉ", "un ete chaud")).toBe("un «ete» chaud");
    expect(snippet("ΟΔΟΣ", "η οδος")).toBe("η «οδος»");
    expect(snippet("0\u1cf20", "x 0\u1cf20 y")).toBe("x «0\u1cf20» y");
  });

  it("cuts a long line to a window around the matches", () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    words[30] = "needle";
    expect(snippet("needle", words.join(" "))).toBe(
      "…w23 w24 w25 w26 w27 w28 w29 «needle» w31 w32 w33 w34 w35 w36 w37 w38…",
    );
    expect(snippet("w0", `# ${words.join(" ")} !`)).toBe(
      "# «w0» w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15…",
    );
    expect(snippet("w39", `${words.join(" ")} !`)).toBe(
      "…w24 w25 w26 w27 w28 w29 needle w31 w32 w33 w34 w35 w36 w37 w38 «w39» !",
    );
  });
});

describe("searchLog", () => {
  const at = (n: number, nick: string, text: string): LogLine => ({
    n,
    date: "2012-01-0" + String(n),
    time: `14:0${n}:00`,
    nick,
    action: n % 2 === 0,
    text,
  });
  const log = encodeLogRows(
    [
      at(1, "zodbot", "meeting started"),
      at(2, "nirik", "zodbot\tis here"),
      at(3, "x", ""),
      at(4, "y", "the meeting is over"),
    ],
    (reason) => {
      throw new Error(reason);
    },
  );
  const hits = (query: string, max = 10) => {
    const out: unknown[] = [];
    searchLog(LineMatcher.of(query)!, log, (line, snippet) => {
      out.push([line.n, line.nick, line.date, line.time, line.action, snippet]);
      return out.length < max;
    });
    return out;
  };

  it("matches on the text alone and reports the meta of the same line", () => {
    expect(hits("zodbot")).toEqual([
      [2, "nirik", "2012-01-02", "14:02:00", true, "«zodbot»\tis here"],
    ]);
    expect(hits("nirik")).toEqual([]);
    expect(hits("14")).toEqual([]);
    expect(hits("2012")).toEqual([]);
  });

  it("walks last line first and stops when told", () => {
    const lines = (query: string, max: number) =>
      hits(query, max).map((hit) => (hit as number[])[0]);
    expect(lines("meeting", 10)).toEqual([4, 1]);
    expect(lines("meeting", 1)).toEqual([4]);
  });
});
