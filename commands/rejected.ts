import type { ChatCommand } from "./types.ts";

export const rejected: ChatCommand = {
  word: "rejected",
  aliases: ["reject"],
  usage: "<decision>",
  summary: "Record a proposal the meeting rejected.",
  permission: "chair",
  group: "minutes",
  core: "rejected",
};
