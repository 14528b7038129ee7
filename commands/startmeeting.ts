import type { ChatCommand } from "./types.ts";

export const startMeeting: ChatCommand = {
  word: "startmeeting",
  aliases: ["sm"],
  usage: "<title>",
  summary: "Start a meeting in this room; whoever starts it chairs it.",
  permission: "anyone",
  group: "meeting",
  core: "startmeeting",
};
