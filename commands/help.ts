import type { ChatCommand } from "./types.ts";

const GROUPS: readonly [ChatCommand["group"], string][] = [
  ["meeting", "Running a meeting"],
  ["minutes", "Recording the minutes"],
  ["tracking", "Following up"],
];

/** The `!help` text, generated from the command table so it can never miss a command. */
export function helpText(commands: readonly ChatCommand[]): string {
  const sections = GROUPS.map(([group, title]) => {
    const lines = commands
      .filter((c) => c.group === group)
      .map((c) => {
        const usage = c.usage === "" ? "" : ` ${c.usage}`;
        const aliases =
          c.aliases.length > 0 ? ` (also ${c.aliases.map((a) => `\`!${a}\``).join(", ")})` : "";
        const chair = c.permission === "chair" ? " *Chairs only.*" : "";
        return `- \`!${c.word}${usage}\`${aliases}: ${c.summary}${chair}`;
      });
    return `**${title}**\n\n${lines.join("\n")}`;
  });
  return `${sections.join("\n\n")}\n\nCommands also work with \`#\` instead of \`!\`, as with Fedora's meetbot.`;
}

/** `!help`: without an argument, this list; with one, a HELP item (MeetBot's "help wanted"). */
export const help: ChatCommand = {
  word: "help",
  aliases: ["halp"],
  usage: "[<what help is wanted>]",
  summary: "Without text: this list. With text: record a call for help in the minutes.",
  permission: "anyone",
  group: "minutes",
  core: "help",
  answer: (ctx) => helpText(ctx.commands),
};
