import type { ChatCommand } from "./types.ts";

export const meetingTopic: ChatCommand = {
  word: "meetingtopic",
  aliases: [],
  usage: "<topic>",
  summary: "Replace the meeting's title in the minutes.",
  permission: "chair",
  group: "meeting",
  core: "meetingtopic",
};
