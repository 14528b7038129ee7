import { followUpReview, plain } from "../../commands/format.ts";
import { COMMANDS, findCommand, type ChatCommand } from "../../commands/index.ts";
import { splitSigmeetCommand } from "../core/commands.ts";
import { bodyLines, type LiveEvent } from "../core/live-log.ts";
import type { Meeting } from "../core/meeting.ts";
import { ownersOf, type AliasMap } from "../core/owners.ts";
import type { MatrixConfig } from "../config/matrix-schema.ts";
import {
  RetryBatch,
  type InviteInfo,
  type MatrixEvent,
  type MatrixPort,
  type Mentions,
} from "../matrix/port.ts";
import { powerOf, usersAtLeast } from "../matrix/power.ts";
import { itemSyncId } from "../render/issue-draft.ts";
import type { LiveEventRow } from "../store/bot-state.ts";
import type { Store } from "../store/index.ts";
import { meetingRefOf } from "../sync/desired.ts";
import { roomAnswerContext } from "./answer-context.ts";
import { publishMeeting } from "./finish-meeting.ts";
import { Jobs, type Job } from "./jobs.ts";
import {
  ACK,
  ACK_DONE,
  chairsLine,
  endNotice,
  issueLinksNotice,
  renamedNotice,
  startNotice,
} from "./notices.ts";
import { Replies } from "./replies.ts";
import { renderReply } from "./reply.ts";
import { classify, type RoomInput } from "./room-input.ts";
import { RoomMeeting, type MeetingPlace } from "./room-meeting.ts";
import type { RoomSync, RoomSyncOutcome } from "./room-sync.ts";

export interface MeetingBotOptions {
  readonly port: MatrixPort;
  readonly store: Store;
  readonly matrix: MatrixConfig;
  /** The bot's own Matrix ID. */
  readonly userId: string;
  /** Other meeting bots (config `bots`): logged, never taken as commands. */
  readonly bots: readonly string[];
  readonly aliases: AliasMap;
  readonly logUrlBase: string;
  readonly sync: RoomSync;
  readonly log: (line: string) => void;
  /** For tests: no waiting between retries of a failed send. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** A chat command found on one line of a message. */
interface FoundCommand {
  readonly command: ChatCommand;
  readonly arg: string;
  readonly prefix: "!" | "#";
  /** Index of the line within the message. */
  readonly line: number;
}

/** Only typed messages carry commands; notices are other bots' talk, emotes are not logged. */
function commandsOf(event: LiveEvent): FoundCommand[] {
  if (event.msgtype !== "m.text") return [];
  return bodyLines(event).flatMap((text, line) => {
    const split = splitSigmeetCommand(text);
    const command = split === null ? undefined : findCommand(split.word);
    if (split === null || command === undefined) return [];
    return [{ command, arg: split.arg.trim(), prefix: split.prefix, line }];
  });
}

/** An answering command here, rather than a minutes command (`!help` with text is a HELP item). */
function answers(found: FoundCommand): boolean {
  return (
    found.command.answer !== undefined && (found.command.core === undefined || found.arg === "")
  );
}

const NOBODY: Mentions = {};

/**
 * The live meeting bot: turns a room's events into a meeting and the meeting into replies. Every
 * event of a meeting is stored (SQLite) before the bot reacts to it; what the meeting is, is
 * always the fold of those stored events, the same fold an imported log goes through.
 */
export class MeetingBot {
  readonly #o: MeetingBotOptions;
  readonly #bots: Set<string>;
  readonly #rooms = new Map<string, RoomMeeting>();
  readonly #places = new Map<string, MeetingPlace>();
  readonly #allowed = new Set<string>();
  /** Thread roots of this run's thread messages, so a reply about an edit goes to its thread. */
  readonly #threads = new Map<string, string>();
  readonly #replies: Replies;
  readonly #jobs: Jobs;

  constructor(options: MeetingBotOptions) {
    this.#o = options;
    this.#bots = new Set([options.userId, ...options.bots]);
    this.#replies = new Replies(
      options.port,
      options.store.bot.replies,
      options.log,
      options.sleep,
    );
    this.#jobs = new Jobs(options.store.bot.values, (job) => this.#runJob(job), options.log);
  }

  /**
   * Rebuilds the meetings that were running when the bot stopped, finishes one that had ended
   * but was not yet published, and queues the jobs left over. Call before the event feed starts.
   */
  async restore(): Promise<void> {
    const { store } = this.#o;
    for (const roomId of store.bot.live.rooms()) {
      const saved = store.bot.values.get(`meeting:${roomId}`);
      const place: MeetingPlace =
        saved === undefined ? { channel: roomId } : (JSON.parse(saved) as MeetingPlace);
      const room = new RoomMeeting(place, [...this.#bots]);
      for (const row of store.bot.live.list(roomId)) room.apply(row);
      const meeting = room.meeting();
      if (meeting === null) {
        store.bot.live.clear(roomId, room.lastSeq);
        continue;
      }
      this.#rooms.set(roomId, room);
      this.#o.log(
        `bot: meeting '${meeting.name}' in ${roomId} goes on (${String(meeting.lines.length)} lines)`,
      );
      // Keyed by the `!endmeeting` event as when it ran, so what was already sent is not again.
      if (meeting.end !== null)
        await this.#finish(roomId, room, meeting, room.log.eventAt(meeting.end.line) ?? roomId);
    }
    this.#jobs.resume();
  }

  /** Joins the configured rooms (an invite is needed for invite-only ones) and learns their IDs. */
  async joinRooms(): Promise<void> {
    for (const room of this.#o.matrix.rooms) {
      try {
        this.#allowed.add(await this.#o.port.joinRoom(room));
      } catch (error) {
        this.#o.log(`matrix: cannot join ${room} yet (an invite will do): ${describe(error)}`);
      }
    }
  }

  /** Invites are accepted for configured rooms only, by ID or by an alias that points there. */
  async allowInvite(invite: InviteInfo): Promise<boolean> {
    if (this.#allowed.has(invite.roomId) || this.#o.matrix.rooms.includes(invite.roomId))
      return true;
    for (const room of this.#o.matrix.rooms) {
      if (!room.startsWith("#")) continue;
      const id = await this.#o.port.resolveAlias(room).catch(() => null);
      if (id !== null) this.#allowed.add(id);
      if (id === invite.roomId) return true;
    }
    return false;
  }

  /** Resolves when the background jobs queued so far are done. */
  idle(): Promise<void> {
    return this.#jobs.idle();
  }

  async handle(roomId: string, event: MatrixEvent): Promise<void> {
    const input = classify(event);
    switch (input.kind) {
      case "message":
        return this.#message(roomId, input);
      case "edit":
        return this.#edit(roomId, input);
      case "redaction": {
        const room = this.#rooms.get(roomId);
        if (room === undefined) return;
        // The bot's own lines (the start notice with its marker, the chairs) make the log what it
        // is; a moderator tidying the room must not unmake the meeting.
        const target = room.log.get(input.target);
        if (target !== undefined && this.#bots.has(target.sender)) return;
        this.#store(room, roomId, {
          op: "redact",
          eventId: input.eventId,
          sender: input.sender,
          ts: input.ts,
          target: input.target,
        });
        return;
      }
      case "room-state":
        this.#places.delete(roomId);
        return;
      case "other":
        return;
    }
  }

  // --- messages ---------------------------------------------------------------------------

  async #message(roomId: string, input: Extract<RoomInput, { kind: "message" }>): Promise<void> {
    const event = input.event;
    if (input.threadRoot !== undefined) this.#threads.set(event.eventId, input.threadRoot);
    const found = this.#bots.has(event.sender) ? [] : commandsOf(event);
    const room = this.#rooms.get(roomId);
    if (room === undefined) {
      const start = found[0];
      if (start?.command.core === "startmeeting" && start.line === 0)
        return this.#start(roomId, input, found);
      return this.#outside(roomId, input, found);
    }
    const before = room.meeting();
    if (before === null) return;
    // Handed over again (a crash before the port recorded it as handled): stored already, so
    // only its replies are due, and those are keyed (sent once).
    const replay = room.log.get(event.eventId) !== undefined;
    if (replay && room.log.eventAt(before.start.line) === event.eventId)
      return this.#opened(roomId, input, found, room, before);
    if (!replay) this.#store(room, roomId, { op: "add", ...liveColumns(event) });
    // The bot's own notices (and other bots' talk) are logged, as maubot logged them, and do
    // nothing else: its `Current chairs:` line changes the chairs, which must not be announced
    // once more.
    if (this.#bots.has(event.sender)) return;
    const after = room.meeting();
    if (after === null) return;
    await this.#effects(roomId, input, found, room, replay ? after : before, after);
  }

  /** Between meetings: the answering commands work; meeting commands say there is no meeting. */
  async #outside(
    roomId: string,
    input: Extract<RoomInput, { kind: "message" }>,
    found: readonly FoundCommand[],
  ): Promise<void> {
    const event = input.event;
    if (this.#o.store.bot.replies.get(`${event.eventId}:end`) !== undefined) {
      // The `!endmeeting` of a meeting already published, handed over again after a crash.
      await this.#replies.react(
        roomId,
        `${event.eventId}:ack:${ACK_DONE}`,
        event.eventId,
        ACK_DONE,
      );
      return;
    }
    let noMeeting = false;
    for (const [index, f] of found.entries()) {
      if (answers(f)) await this.#answer(roomId, input, f, index, null);
      else if (f.command.core !== undefined && f.prefix === "!") noMeeting = true;
    }
    if (noMeeting)
      await this.#say(roomId, `${input.event.eventId}:no-meeting`, input, {
        markdown: "No meeting is in progress; `!startmeeting <name>` starts one.",
      });
  }

  async #start(
    roomId: string,
    input: Extract<RoomInput, { kind: "message" }>,
    found: readonly FoundCommand[],
  ): Promise<void> {
    const { port, matrix, store } = this.#o;
    const event = input.event;
    const state = await port.roomState(roomId);
    if (powerOf(event.sender, state) < matrix.chairPowerLevel) {
      await this.#say(roomId, `${event.eventId}:refused`, input, {
        markdown: `Only members with power level ${String(matrix.chairPowerLevel)} or more can start a meeting in this room.`,
        mention: event.sender,
      });
      return;
    }
    const place = this.#placeFrom(roomId, state);
    store.bot.values.set(`meeting:${roomId}`, JSON.stringify(place));
    const room = new RoomMeeting(place, [...this.#bots]);
    this.#store(room, roomId, { op: "add", ...liveColumns(event) });
    const meeting = room.meeting();
    if (meeting === null) {
      store.bot.live.clear(roomId, room.lastSeq);
      return;
    }
    this.#rooms.set(roomId, room);
    this.#o.log(`bot: meeting '${meeting.name}' started in ${roomId} by ${event.sender}`);
    await this.#opened(roomId, input, found, room, meeting, state);
  }

  /**
   * What follows a start: the ✅, the start notice (whose chairs line makes the power-level chairs
   * chairs, in the log), the follow-up review, and the other commands of the start message.
   */
  async #opened(
    roomId: string,
    input: Extract<RoomInput, { kind: "message" }>,
    found: readonly FoundCommand[],
    room: RoomMeeting,
    meeting: Meeting,
    known?: readonly MatrixEvent[],
  ): Promise<void> {
    const { port, matrix, store } = this.#o;
    const event = input.event;
    const state = known ?? (await port.roomState(roomId));
    await this.#replies.react(roomId, `${event.eventId}:ack:${ACK_DONE}`, event.eventId, ACK_DONE);
    const chairs = [
      ...meeting.chairs,
      ...usersAtLeast(state, matrix.chairPowerLevel).filter(
        (u) => !meeting.chairs.includes(u) && !this.#bots.has(u),
      ),
    ];
    await this.#say(roomId, `${event.eventId}:start`, input, {
      text: startNotice(meeting, chairs),
    });
    const open = roomAnswerContext({
      store,
      room: room.place.channel,
      arg: "",
      sender: event.sender,
      commands: COMMANDS,
      sync: () => Promise.resolve(""),
    }).openActions();
    await this.#say(roomId, `${event.eventId}:review`, input, { markdown: followUpReview(open) });
    // Commands pasted after `!startmeeting` in the same message count too.
    const rest = found.slice(1);
    if (rest.length > 0) await this.#effects(roomId, input, rest, room, meeting, meeting);
  }

  /** Acknowledges what a message did to the meeting, refuses what it may not do, answers. */
  async #effects(
    roomId: string,
    input: Extract<RoomInput, { kind: "message" }>,
    found: readonly FoundCommand[],
    room: RoomMeeting,
    before: Meeting,
    after: Meeting,
  ): Promise<void> {
    const event = input.event;
    const sender = event.sender;
    const isChair = before.chairs.includes(sender);
    // The message's lines, numbered as the fold numbers them.
    const span = room.log.linesOf(event.eventId) ?? { first: 0, last: -1 };
    const first = span.first;
    const total = span.last;
    const keys = new Set<string>();
    const refused: FoundCommand[] = [];
    for (const [index, f] of found.entries()) {
      if (f.command.permission === "chair" && !isChair && f.command.core !== undefined) {
        refused.push(f);
        continue;
      }
      if (answers(f)) {
        await this.#answer(roomId, input, f, index, before);
        continue;
      }
      const core = f.command.core;
      if (core === undefined) continue;
      if (core === "startmeeting") {
        await this.#say(roomId, `${event.eventId}:running`, input, {
          markdown: `A meeting is already in progress: ${plain(after.name)}.`,
        });
        continue;
      }
      const itemKey = ACK[core as keyof typeof ACK];
      const recorded = after.items.some(
        (i) => i.kind === core && i.line >= first && i.line <= total,
      );
      if (itemKey !== undefined) {
        if (recorded) keys.add(itemKey);
      } else if (core !== "topic" || recorded) keys.add(ACK_DONE);
    }
    for (const key of keys)
      await this.#replies.react(roomId, `${event.eventId}:ack:${key}`, event.eventId, key);
    if (after.name !== before.name)
      await this.#say(roomId, `${event.eventId}:renamed`, input, {
        text: renamedNotice(after.name),
      });
    if (after.end === null && !sameList(after.chairs, before.chairs))
      await this.#say(roomId, `${event.eventId}:chairs`, input, { text: chairsLine(after.chairs) });
    if (refused.length > 0) await this.#refuse(roomId, input, refused, before);
    if (after.end !== null) await this.#finish(roomId, room, after, event.eventId);
  }

  /**
   * A chair command from someone who is not a chair of this meeting. A member whose power level
   * makes them a chair (promoted after the start, or it raced the start notice) is announced as
   * one now; the log has their command before that line, so they send it again.
   */
  async #refuse(
    roomId: string,
    input: Extract<RoomInput, { kind: "message" }>,
    refused: readonly FoundCommand[],
    meeting: Meeting,
  ): Promise<void> {
    const event = input.event;
    const words = [...new Set(refused.map((f) => `\`${f.prefix}${f.command.word}\``))].join(", ");
    const state = await this.#o.port.roomState(roomId);
    if (powerOf(event.sender, state) >= this.#o.matrix.chairPowerLevel) {
      await this.#say(roomId, `${event.eventId}:chairs`, input, {
        text: chairsLine([...meeting.chairs, event.sender]),
      });
      await this.#say(roomId, `${event.eventId}:refused`, input, {
        markdown: `You chair this room, so you chair this meeting from now on: please send ${words} again.`,
        mention: event.sender,
      });
      return;
    }
    await this.#say(roomId, `${event.eventId}:refused`, input, {
      markdown: `Only this meeting's chairs can use ${words}; a chair can add you with \`!chair\`.`,
      mention: event.sender,
    });
  }

  async #answer(
    roomId: string,
    input: Extract<RoomInput, { kind: "message" }>,
    found: FoundCommand,
    index: number,
    meeting: Meeting | null,
  ): Promise<void> {
    const event = input.event;
    const key = `${event.eventId}:answer:${String(index)}`;
    if (found.command.permission === "chair") {
      const chair =
        meeting !== null
          ? meeting.chairs.includes(event.sender)
          : powerOf(event.sender, await this.#o.port.roomState(roomId)) >=
            this.#o.matrix.chairPowerLevel;
      if (!chair) {
        await this.#say(roomId, key, input, {
          markdown: `Only chairs can use \`${found.prefix}${found.command.word}\`.`,
          mention: event.sender,
        });
        return;
      }
    }
    const place = meeting?.channel ?? (await this.#place(roomId)).channel;
    const ctx = roomAnswerContext({
      store: this.#o.store,
      room: place,
      arg: found.arg,
      sender: event.sender,
      commands: COMMANDS,
      sync: () => {
        this.#jobs.add(key, {
          type: "sync-command",
          roomId,
          channel: place,
          eventId: event.eventId,
          ...(input.threadRoot === undefined ? {} : { threadRoot: input.threadRoot }),
        });
        return Promise.resolve("Syncing this room's items with the tracker; the result follows.");
      },
    });
    const answer = found.command.answer;
    if (answer === undefined) return;
    await this.#say(roomId, key, input, { markdown: await answer(ctx) });
  }

  // --- edits ------------------------------------------------------------------------------

  async #edit(roomId: string, input: Extract<RoomInput, { kind: "edit" }>): Promise<void> {
    const room = this.#rooms.get(roomId);
    const original = room?.log.get(input.target);
    if (room === undefined || original === undefined) return;
    const change = this.#store(room, roomId, {
      op: "edit",
      eventId: input.eventId,
      sender: input.sender,
      ts: input.ts,
      body: input.body,
      target: input.target,
    });
    const wasCommand = commandsOf(original).some((f) => f.command.core !== undefined);
    const isCommand = commandsOf({ ...original, body: input.body }).some(
      (f) => f.command.core !== undefined,
    );
    const threadRoot = this.#threads.get(input.target);
    if (change === "ignored" && input.sender === original.sender && (wasCommand || isCommand))
      await this.#replies.notice(roomId, `${input.eventId}:edit`, {
        body: "That edit does not change the minutes: an edit can correct an item's text, but not turn chat into a command or a command into chat, nor change how the meeting is run. Send a new command instead.",
        replyTo: input.target,
        ...(threadRoot === undefined ? {} : { threadRoot }),
        mentions: { userIds: [input.sender] },
      });
  }

  // --- the end ----------------------------------------------------------------------------

  async #finish(
    roomId: string,
    room: RoomMeeting,
    meeting: Meeting,
    eventId: string,
  ): Promise<void> {
    const { store, matrix } = this.#o;
    const published = publishMeeting(meeting, store, {
      minutesDir: matrix.minutesDir,
      logUrlBase: this.#o.logUrlBase,
      aliases: this.#o.aliases,
    });
    this.#o.log(
      `bot: meeting '${meeting.name}' ended in ${roomId}; wrote ${published.files.join(", ")}`,
    );
    const owners = (item: Meeting["items"][number]): string[] =>
      ownersOf(item, meeting.attendees, this.#o.aliases);
    await this.#sayIn(roomId, `${eventId}:end`, {
      markdown: endNotice(meeting, published.links, owners),
    });
    if (matrix.syncAfterMeeting)
      this.#jobs.add(`${eventId}:sync`, {
        type: "meeting-sync",
        roomId,
        meetingId: published.meetingId,
        meetingName: meeting.name,
        eventId,
      });
    store.bot.live.clear(roomId, room.lastSeq);
    store.bot.values.set(`meeting:${roomId}`, undefined);
    this.#rooms.delete(roomId);
    for (const event of room.log.events) this.#threads.delete(event.eventId);
  }

  async #runJob(job: Job): Promise<void> {
    const { store } = this.#o;
    if (job.type === "sync-command") {
      const names = new Map<string, string>();
      for (const row of store.listItems({ limit: 1_000_000 }))
        if (row.channel === job.channel) names.set(row.meetingName, row.startedAt);
      const outcome = await this.#syncSafely({
        channel: job.channel,
        meetings: [...names].map(([name, startedAt]) => ({ name, startedAt })),
      });
      const markdown =
        outcome === null
          ? "No tracker is configured for this room's meetings."
          : [...outcome.report, ...outcome.problems.map((p) => `failed: ${p}`)]
              .map((l) => `- ${plain(l)}`)
              .join("\n") || "Nothing to do.";
      await this.#sayIn(
        job.roomId,
        `${job.eventId}:sync-result`,
        { markdown },
        job.eventId,
        job.threadRoot,
      );
      return;
    }
    const rows = store
      .listItems({ meetingName: job.meetingName, limit: 1_000_000 })
      .filter((r) => r.meetingId === job.meetingId);
    const first = rows[0];
    if (first === undefined) return;
    const outcome = await this.#syncSafely({
      channel: first.channel,
      meetings: [{ name: first.meetingName, startedAt: first.startedAt }],
    });
    if (outcome === null) return; // no tracker takes this room: nothing to say
    const linked = rows.flatMap((row) => {
      if (row.kind === "topic") return [];
      const link = store.sync.link(itemSyncId(meetingRefOf(row), row));
      return link === undefined ? [] : [{ kind: row.kind, text: row.text, url: link.url }];
    });
    await this.#sayIn(job.roomId, `${job.eventId}:issues`, {
      markdown: issueLinksNotice(linked, outcome.problems),
    });
  }

  async #syncSafely(scope: Parameters<RoomSync>[0]): Promise<RoomSyncOutcome | null> {
    try {
      return await this.#o.sync(scope);
    } catch (error) {
      return { report: [], problems: [describe(error)] };
    }
  }

  // --- helpers ----------------------------------------------------------------------------

  /** Stores an event of the room's meeting, then applies it (stored first: see the class). */
  #store(
    room: RoomMeeting,
    roomId: string,
    event: Omit<LiveEventRow, "seq" | "roomId" | "msgtype" | "body" | "target" | "inReplyTo"> &
      Partial<Pick<LiveEventRow, "msgtype" | "body" | "target" | "inReplyTo">>,
  ): ReturnType<RoomMeeting["apply"]> {
    const row = {
      roomId,
      msgtype: "",
      body: "",
      target: null,
      inReplyTo: null,
      ...event,
    };
    let seq: number;
    try {
      seq = this.#o.store.bot.live.append(row);
    } catch (error) {
      // Not kept (the database busy past its timeout, the disk full, closed): the event must come
      // again rather than count as handled, and nothing is acknowledged.
      throw new RetryBatch(`cannot store ${event.eventId}: ${describe(error)}`, { cause: error });
    }
    return room.apply({ ...row, seq });
  }

  async #say(
    roomId: string,
    key: string,
    input: Extract<RoomInput, { kind: "message" }>,
    what: { markdown?: string; text?: string; mention?: string },
  ): Promise<void> {
    await this.#sayIn(roomId, key, what, input.event.eventId, input.threadRoot);
  }

  async #sayIn(
    roomId: string,
    key: string,
    what: { markdown?: string; text?: string; mention?: string },
    replyTo?: string,
    threadRoot?: string,
  ): Promise<void> {
    const mentions: Mentions = what.mention === undefined ? NOBODY : { userIds: [what.mention] };
    const rendered =
      what.markdown !== undefined ? renderReply(what.markdown) : { body: what.text ?? "" };
    await this.#replies.notice(roomId, key, {
      ...rendered,
      mentions,
      ...(replyTo === undefined || what.text !== undefined ? {} : { replyTo }),
      ...(threadRoot === undefined ? {} : { threadRoot }),
    });
  }

  async #place(roomId: string): Promise<MeetingPlace> {
    const known = this.#places.get(roomId);
    if (known !== undefined) return known;
    return this.#placeFrom(roomId, await this.#o.port.roomState(roomId));
  }

  /** The room as minutes name it: its canonical alias, else a configured alias, else its ID. */
  #placeFrom(roomId: string, state: readonly MatrixEvent[]): MeetingPlace {
    const content = (type: string): Readonly<Record<string, unknown>> | undefined =>
      state.find((e) => e.type === type && (e.state_key ?? "") === "")?.content;
    const alias = content("m.room.canonical_alias")?.["alias"];
    const name = content("m.room.name")?.["name"];
    const place: MeetingPlace = {
      channel: typeof alias === "string" && alias !== "" ? alias : roomId,
      ...(typeof name === "string" && name.trim() !== "" ? { roomName: name.trim() } : {}),
    };
    this.#places.set(roomId, place);
    return place;
  }
}

function liveColumns(event: LiveEvent): Omit<LiveEventRow, "seq" | "roomId" | "op"> {
  return {
    eventId: event.eventId,
    sender: event.sender,
    ts: event.ts,
    msgtype: event.msgtype,
    body: event.body,
    target: null,
    inReplyTo: event.inReplyTo ?? null,
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
