import type { ActionView, DecisionView } from "./types.ts";

/**
 * Markdown for the answering commands. Everything people typed goes through `plain`, so an action
 * text can neither format the answer nor mention anyone (the bot renders this Markdown to HTML
 * with remark, and Matrix clients highlight mentions found in the body).
 */
export function plain(text: string): string {
  return text
    .replace(/[\\`*_[\]<>#|~!]/g, (c) => `\\${c}`)
    .replace(/@/g, "@\u200D")
    .replace(/\s+/g, " ")
    .trim();
}

export function actionLine(a: ActionView): string {
  const owners = a.owners.length > 0 ? ` (${a.owners.map(plain).join(", ")})` : "";
  const issue =
    a.issue === null
      ? ""
      : ` · [issue](${a.issue.url}) ${a.issue.state === "open" ? "open" : "closed"}`;
  return `- #${String(a.id)} ${plain(a.text)}${owners} · ${plain(a.meeting)} ${a.date}${issue}`;
}

export function decisionLine(d: DecisionView): string {
  return `- ${d.kind.toUpperCase()}: ${plain(d.text)} · ${plain(d.meeting)} ${d.date}`;
}

/**
 * What the bot posts after `!startmeeting`: the room's open action items from earlier meetings,
 * with their tracker state, so the meeting starts by following up.
 */
export function followUpReview(open: readonly ActionView[]): string {
  if (open.length === 0) return "No open action items from earlier meetings.";
  const shown = open.slice(0, 25);
  const more =
    open.length > shown.length
      ? `\n\n…and ${String(open.length - shown.length)} more (\`!actions\`).`
      : "";
  return `Open action items from earlier meetings (\`!done <number>\` when finished):\n\n${shown.map(actionLine).join("\n")}${more}`;
}
