import { accepted } from "./accepted.ts";
import { action } from "./action.ts";
import { actions } from "./actions.ts";
import { agreed } from "./agreed.ts";
import { chair } from "./chair.ts";
import { decisions } from "./decisions.ts";
import { done } from "./done.ts";
import { endMeeting } from "./endmeeting.ts";
import { help } from "./help.ts";
import { idea } from "./idea.ts";
import { info } from "./info.ts";
import { link } from "./link.ts";
import { meetingName } from "./meetingname.ts";
import { meetingTopic } from "./meetingtopic.ts";
import { nick } from "./nick.ts";
import { rejected } from "./rejected.ts";
import { startMeeting } from "./startmeeting.ts";
import { sync } from "./sync.ts";
import { topic } from "./topic.ts";
import type { ChatCommand } from "./types.ts";
import { unchair } from "./unchair.ts";
import { undo } from "./undo.ts";

/** Every chat command, in the order `!help` lists them within each group. */
export const COMMANDS: readonly ChatCommand[] = [
  startMeeting,
  endMeeting,
  meetingName,
  meetingTopic,
  chair,
  unchair,
  nick,
  topic,
  action,
  info,
  idea,
  link,
  agreed,
  accepted,
  rejected,
  help,
  undo,
  actions,
  decisions,
  done,
  sync,
];

const BY_WORD = new Map<string, ChatCommand>(
  COMMANDS.flatMap((c) => [c.word, ...c.aliases].map((w) => [w, c] as const)),
);

/** The command for a word typed after `!` or `#` (any case), or undefined. */
export function findCommand(word: string): ChatCommand | undefined {
  return BY_WORD.get(word.toLowerCase());
}

export type { ActionView, AnswerContext, ChatCommand, DecisionView } from "./types.ts";
export { helpText } from "./help.ts";
