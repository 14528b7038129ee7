import type { ChatCommand } from "./types.ts";

export const endMeeting: ChatCommand = {
  word: "endmeeting",
  aliases: ["em"],
  usage: "",
  summary: "End the meeting: minutes are posted, written and synced to the tracker.",
  permission: "chair",
  group: "meeting",
  core: "endmeeting",
};
