import type { ChatCommand } from "./types.ts";

export const info: ChatCommand = {
  word: "info",
  aliases: [],
  usage: "<text>",
  summary: "Record a note in the minutes.",
  permission: "anyone",
  group: "minutes",
  core: "info",
};
