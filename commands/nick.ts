import type { ChatCommand } from "./types.ts";

export const nick: ChatCommand = {
  word: "nick",
  aliases: [],
  usage: "<who> [<who>…]",
  summary: "Count people as present who have not spoken.",
  permission: "anyone",
  group: "meeting",
  core: "nick",
};
