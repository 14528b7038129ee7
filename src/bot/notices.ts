import { plain } from "../../commands/format.ts";
import { CHAIRS_ANNOUNCEMENT, nameAnnouncement } from "../core/fold-meeting.ts";
import type { ItemKind, Meeting } from "../core/meeting.ts";
import { SIGMEET_LOG_MARKER } from "../core/sigmeet-log.ts";

// What the bot says in rooms. The lines a meeting's log keeps (start, chairs, renames) are plain
// text with fixed wording: the published log is folded again on import, and the fold reads the
// chairs line. Everything else is Markdown, rendered by ./reply.ts, with user text through `plain`.

/** The start notice: maubot's two lines, the line that marks the log as sigmeet's, the chairs. */
export function startNotice(meeting: Meeting, chairs: readonly string[]): string {
  return [
    `Meeting started at ${meeting.start.date} ${meeting.start.time} UTC`,
    nameAnnouncement(meeting.name),
    SIGMEET_LOG_MARKER,
    chairsLine(chairs),
  ].join("\n");
}

export function chairsLine(chairs: readonly string[]): string {
  return `${CHAIRS_ANNOUNCEMENT}${chairs.join(" ")}`;
}

export function renamedNotice(name: string): string {
  return `The Meeting Name is now ${name}`;
}

/** Reaction keys for what a command did: maubot-meetings' tag emoji, ✅ for the rest. */
export const ACK: Readonly<Partial<Record<ItemKind, string>>> = {
  action: "🚩",
  info: "✏️",
  agreed: "👍",
  accepted: "👍",
  rejected: "👎",
  idea: "💭",
  help: "🛟",
  link: "🔗",
};
export const ACK_DONE = "✅";

export interface FileLinks {
  readonly minutes: string;
  readonly text: string;
  readonly log: string;
}

const DECISIONS: ReadonlySet<ItemKind> = new Set(["agreed", "accepted", "rejected"]);

/** Posted after `!endmeeting`: where the files are, the actions and the decisions. */
export function endNotice(
  meeting: Meeting,
  links: FileLinks,
  ownersOf: (item: Meeting["items"][number]) => readonly string[],
): string {
  const end = meeting.end ?? meeting.start;
  const parts = [
    `Meeting ended at ${end.date} ${end.time} UTC. [Minutes](${links.minutes}) · [text](${links.text}) · [log](${links.log})`,
  ];
  const actions = meeting.items.filter((i) => i.kind === "action");
  if (actions.length > 0)
    parts.push(
      `**Action items**\n\n${actions
        .map((a) => {
          const owners = ownersOf(a);
          return `- ${plain(a.text)}${owners.length > 0 ? ` (${owners.map(plain).join(", ")})` : ""}`;
        })
        .join("\n")}`,
    );
  const decisions = meeting.items.filter((i) => DECISIONS.has(i.kind));
  if (decisions.length > 0)
    parts.push(
      `**Decisions**\n\n${decisions.map((d) => `- ${d.kind.toUpperCase()}: ${plain(d.text)}`).join("\n")}`,
    );
  return parts.join("\n\n");
}

export interface LinkedItem {
  readonly kind: string;
  readonly text: string;
  readonly url: string;
}

/** After the meeting's sync: each item with its issue. */
export function issueLinksNotice(
  linked: readonly LinkedItem[],
  problems: readonly string[],
): string {
  const parts: string[] = [];
  if (linked.length > 0)
    parts.push(
      `Tracked:\n\n${linked.map((l) => `- ${l.kind.toUpperCase()}: ${plain(l.text)} → ${l.url}`).join("\n")}`,
    );
  if (problems.length > 0)
    parts.push(
      `Sync problems (retried at the next sync):\n\n${problems.map((p) => `- ${plain(p)}`).join("\n")}`,
    );
  return parts.length === 0 ? "Nothing of this meeting goes to a tracker." : parts.join("\n\n");
}
