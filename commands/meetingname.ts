import type { ChatCommand } from "./types.ts";

export const meetingName: ChatCommand = {
  word: "meetingname",
  aliases: ["mn"],
  usage: "<name>",
  summary: "Set the name the minutes' files are published under.",
  permission: "chair",
  group: "meeting",
  core: "meetingname",
};
