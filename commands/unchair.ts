import type { ChatCommand } from "./types.ts";

export const unchair: ChatCommand = {
  word: "unchair",
  aliases: [],
  usage: "<who> [<who>…]",
  summary: "Take chairs away (never from the one who started the meeting).",
  permission: "chair",
  group: "meeting",
  core: "unchair",
};
