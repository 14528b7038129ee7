import type { ChatCommand } from "./types.ts";

export const idea: ChatCommand = {
  word: "idea",
  aliases: [],
  usage: "<text>",
  summary: "Record an idea.",
  permission: "anyone",
  group: "minutes",
  core: "idea",
};
