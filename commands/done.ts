import { actionLine } from "./format.ts";
import type { ChatCommand } from "./types.ts";

/** `!done <item>`: marks an action done (its issue is closed at the next sync). */
export const done: ChatCommand = {
  word: "done",
  aliases: [],
  usage: "<item number>",
  summary:
    "Mark an action item done (as listed by !actions); its issue is closed at the next sync.",
  permission: "anyone",
  group: "tracking",
  answer: (ctx) => {
    const m = /^#?(\d+)$/.exec(ctx.arg);
    if (m === null)
      return "Usage: `!done <item number>`, e.g. `!done 42` (numbers as `!actions` lists them).";
    const marked = ctx.markDone(Number(m[1]));
    if (marked === null) return `There is no open action item #${m[1] ?? ""} in this room.`;
    return `Done:\n\n${actionLine(marked)}`;
  },
};
