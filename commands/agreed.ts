import type { ChatCommand } from "./types.ts";

export const agreed: ChatCommand = {
  word: "agreed",
  aliases: ["agree"],
  usage: "<decision>",
  summary: "Record a decision the meeting agreed on.",
  permission: "chair",
  group: "minutes",
  core: "agreed",
};
