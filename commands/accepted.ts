import type { ChatCommand } from "./types.ts";

export const accepted: ChatCommand = {
  word: "accepted",
  aliases: ["accept"],
  usage: "<decision>",
  summary: "Record a proposal the meeting accepted.",
  permission: "chair",
  group: "minutes",
  core: "accepted",
};
