import { describe, expect, it } from "vitest";
import { COMMANDS, findCommand, helpText } from "../../commands/index.ts";
import type { ActionView, AnswerContext } from "../../commands/types.ts";
import { commandWords, parseCommand } from "../../src/core/commands.ts";
import { foldMeetings } from "../../src/core/fold-meeting.ts";
import { lines } from "../core/lines.ts";

const ANSWER_ONLY = ["actions", "decisions", "done", "sync"];

function context(overrides: Partial<AnswerContext> = {}): AnswerContext {
  const open: ActionView[] = [
    {
      id: 7,
      text: "sgallagh to ping @room about **x86_64-v3**",
      owners: ["sgallagh"],
      status: "open",
      meeting: "eln",
      date: "2026-11-20",
      issue: { url: "https://github.com/fedora-eln/eln/issues/12", state: "open" },
    },
    {
      id: 8,
      text: "yselkowitz to rebuild",
      owners: ["yselkowitz"],
      status: "open",
      meeting: "eln",
      date: "2026-11-20",
      issue: null,
    },
  ];
  return {
    arg: "",
    sender: "@sgallagh:fedora.im",
    openActions: (owner) => open.filter((a) => owner === undefined || a.owners.includes(owner)),
    findDecisions: () => [],
    markDone: (id) => {
      const found = open.find((a) => a.id === id);
      return found === undefined ? null : { ...found, status: "done" };
    },
    sync: () => Promise.resolve("synced"),
    commands: COMMANDS,
    ...overrides,
  };
}

describe("the chat command table", () => {
  it("has exactly the live dialect's meeting words, with the core's permissions", () => {
    const words = COMMANDS.flatMap((c) => [c.word, ...c.aliases]).sort();
    expect(words).toEqual([...commandWords("sigmeet"), ...ANSWER_ONLY].sort());
    for (const c of COMMANDS) {
      if (c.core === undefined) continue;
      for (const w of [c.word, ...c.aliases]) {
        const parsed = parseCommand(`!${w} x`, "sigmeet");
        expect(parsed?.spec.name, w).toBe(c.core);
        expect(parsed?.spec.permission, w).toBe(c.permission);
      }
    }
  });

  it("finds commands by word or alias, in any case", () => {
    expect(findCommand("SM")?.word).toBe("startmeeting");
    expect(findCommand("halp")?.word).toBe("help");
    expect(findCommand("nosuch")).toBeUndefined();
  });

  it("generates !help from the table: every command, chairs-only marked", () => {
    const text = helpText(COMMANDS);
    for (const c of COMMANDS) expect(text).toContain(`\`!${c.word}`);
    expect(text).toMatch(/`!endmeeting`.*Chairs only/);
    expect(text).not.toMatch(/`!action <who> <what to do>`.*Chairs only/);
  });
});

describe("answering commands", () => {
  it("!actions lists open actions with their issues; user text cannot format or mention", async () => {
    const all = await findCommand("actions")?.answer?.(context());
    expect(all).toContain("#7 sgallagh to ping @\u200Droom about \\*\\*x86\\_64-v3\\*\\*");
    expect(all).toContain("[issue](https://github.com/fedora-eln/eln/issues/12) open");
    expect(all).not.toContain("@room");
    const mine = await findCommand("actions")?.answer?.(context({ arg: "@yselkowitz:fedora.im" }));
    expect(mine).toContain("Open action items of yselkowitz");
    expect(mine).not.toContain("#7");
  });

  it("!done marks an action by number and says so when there is none", async () => {
    expect(await findCommand("done")?.answer?.(context({ arg: "8" }))).toContain("#8 yselkowitz");
    expect(await findCommand("done")?.answer?.(context({ arg: "99" }))).toContain(
      "no open action item #99",
    );
    expect(await findCommand("done")?.answer?.(context({ arg: "soon" }))).toContain("Usage");
  });

  it("!decisions needs words and reports no match plainly", async () => {
    expect(await findCommand("decisions")?.answer?.(context())).toContain("Usage");
    expect(await findCommand("decisions")?.answer?.(context({ arg: "<b>v3" }))).toContain(
      "No decisions match “\\<b\\>v3”",
    );
  });
});

describe("the live dialect", () => {
  it("records no item for a bare !help or an empty !action", () => {
    const [meeting] = foldMeetings(
      lines(
        "sg: !startmeeting ELN",
        "sg: !help",
        "sg: !action",
        "sg: !help we need a packager",
        "sg: !endmeeting",
      ),
      { era: "matrix", channel: "#eln:fedoraproject.org", dialect: "sigmeet" },
    );
    expect(meeting?.items.map((i) => [i.kind, i.text])).toEqual([["help", "we need a packager"]]);
  });
});
