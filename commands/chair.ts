import type { ChatCommand } from "./types.ts";

export const chair: ChatCommand = {
  word: "chair",
  aliases: [],
  usage: "<who> [<who>…]",
  summary: "Make people chairs for this meeting.",
  permission: "chair",
  group: "meeting",
  core: "chair",
};
