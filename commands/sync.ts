import type { ChatCommand } from "./types.ts";

/** `!sync`: runs the tracker sync for this room now instead of at the end of the meeting. */
export const sync: ChatCommand = {
  word: "sync",
  aliases: [],
  usage: "",
  summary: "Sync this room's action items and decisions to the tracker now.",
  permission: "chair",
  group: "tracking",
  answer: (ctx) => ctx.sync(),
};
