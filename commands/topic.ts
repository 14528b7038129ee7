import type { ChatCommand } from "./types.ts";

export const topic: ChatCommand = {
  word: "topic",
  aliases: ["t"],
  usage: "<topic>",
  summary: "Start a new topic; the items that follow belong to it.",
  permission: "chair",
  group: "minutes",
  core: "topic",
};
