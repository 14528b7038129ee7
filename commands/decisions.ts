import { decisionLine, plain } from "./format.ts";
import type { ChatCommand } from "./types.ts";

/** `!decisions <words>`: full-text search over the room's recorded decisions. */
export const decisions: ChatCommand = {
  word: "decisions",
  aliases: [],
  usage: "<words>",
  summary: "Search this room's decisions (agreed, accepted, rejected) for these words.",
  permission: "anyone",
  group: "tracking",
  answer: (ctx) => {
    if (ctx.arg === "") return "Usage: `!decisions <words>`, e.g. `!decisions x86_64-v3`.";
    const found = ctx.findDecisions(ctx.arg);
    if (found.length === 0) return `No decisions match “${plain(ctx.arg)}”.`;
    const shown = found.slice(0, 15);
    const more =
      found.length > shown.length ? `\n\n…and ${String(found.length - shown.length)} more.` : "";
    return `Decisions matching “${plain(ctx.arg)}”:\n\n${shown.map(decisionLine).join("\n")}${more}`;
  },
};
