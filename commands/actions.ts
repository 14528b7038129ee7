import { actionLine, plain } from "./format.ts";
import type { ChatCommand } from "./types.ts";

/** `!actions [@who]`: the room's open action items, of everyone or of one person. */
export const actions: ChatCommand = {
  word: "actions",
  aliases: [],
  usage: "[<who>]",
  summary: "List the open action items of this room's meetings (of one person if named).",
  permission: "anyone",
  group: "tracking",
  answer: (ctx) => {
    const who = ctx.arg.split(/\s+/)[0] ?? "";
    const owner = who === "" ? undefined : who.replace(/^@/, "").replace(/:.*$/, "");
    const open = ctx.openActions(owner);
    const whose = owner === undefined ? "" : ` of ${plain(owner)}`;
    if (open.length === 0) return `No open action items${whose}.`;
    const shown = open.slice(0, 25);
    const more =
      open.length > shown.length ? `\n\n…and ${String(open.length - shown.length)} more.` : "";
    return `Open action items${whose}:\n\n${shown.map(actionLine).join("\n")}${more}`;
  },
};
