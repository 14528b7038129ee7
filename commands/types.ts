import type { CommandName, Permission } from "../src/core/commands.ts";

/**
 * One chat command of the live bot: what `!help` says of it, who may run it, and, for the commands
 * that answer rather than record, what the answer is. The meeting commands (`!topic`, `!action`, …)
 * carry no behaviour here: the bot logs the line and `src/core/fold-meeting.ts` gives it its
 * meaning, exactly as for an imported log, so a live meeting and its log make the same minutes.
 */
export interface ChatCommand {
  /** The word after `!` or `#`, lower case. */
  readonly word: string;
  readonly aliases: readonly string[];
  /** What follows the word, for help: `<who> <what to do>`; "" for none. */
  readonly usage: string;
  /** One line for `!help`. */
  readonly summary: string;
  readonly permission: Permission;
  /** Help sections, in this order. */
  readonly group: "meeting" | "minutes" | "tracking";
  /** A meeting command: the core command it is (its semantics live in the fold). */
  readonly core?: CommandName;
  /**
   * A command that answers from the store or acts on it; runs with or without a meeting. A command
   * with both `core` and `answer` (`!help`) records with an argument and answers without one.
   */
  readonly answer?: (ctx: AnswerContext) => Promise<string> | string;
}

/** An open or done action as the answering commands show it. */
export interface ActionView {
  readonly id: number;
  readonly text: string;
  readonly owners: readonly string[];
  readonly status: "open" | "done";
  readonly meeting: string;
  readonly date: string;
  /** Issue URL and state on the tracker, when synced. */
  readonly issue: { readonly url: string; readonly state: "open" | "closed" } | null;
}

export interface DecisionView {
  readonly id: number;
  readonly kind: "agreed" | "accepted" | "rejected";
  readonly text: string;
  readonly meeting: string;
  readonly date: string;
}

/**
 * What an answering command may ask of the bot: the room's stored items and the tracker sync. The
 * bot implements it over the SQLite store; tests over plain arrays.
 */
export interface AnswerContext {
  /** The argument after the command word, trimmed. */
  readonly arg: string;
  /** Who asked (nick or Matrix ID), as the meeting log records senders. */
  readonly sender: string;
  /** Open actions of this room's meetings, newest meeting first; of one owner when given. */
  openActions(owner?: string): readonly ActionView[];
  /** Decisions of this room's meetings whose text matches every word, newest first. */
  findDecisions(words: string): readonly DecisionView[];
  /** Marks an action done; null when there is no open action with that id in this room. */
  markDone(id: number): ActionView | null;
  /** Runs the tracker sync for this room; returns a one-paragraph report. */
  sync(): Promise<string>;
  /** The command table, for `!help`. */
  readonly commands: readonly ChatCommand[];
}
