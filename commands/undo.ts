import type { ChatCommand } from "./types.ts";

export const undo: ChatCommand = {
  word: "undo",
  aliases: [],
  usage: "",
  summary: "Remove the newest item from the minutes.",
  permission: "chair",
  group: "minutes",
  core: "undo",
};
