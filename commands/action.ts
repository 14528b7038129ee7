import type { ChatCommand } from "./types.ts";

export const action: ChatCommand = {
  word: "action",
  aliases: [],
  usage: "<who> <what to do>",
  summary: "Record an action item; the names in it are its owners.",
  permission: "anyone",
  group: "minutes",
  core: "action",
};
