import type { ChatCommand } from "./types.ts";

export const link: ChatCommand = {
  word: "link",
  aliases: [],
  usage: "<url> [<text>]",
  summary: "Record a link.",
  permission: "anyone",
  group: "minutes",
  core: "link",
};
