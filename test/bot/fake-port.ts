import { noticeContent, type Content } from "../../src/matrix/content.ts";
import type {
  MatrixEvent,
  MatrixPort,
  MessagesPage,
  MessagesQuery,
  Notice,
  SyncHandlers,
} from "../../src/matrix/port.ts";

// An in-memory homeserver behind the MatrixPort interface, for the bot's tests: every notice and
// reaction is recorded with its transaction id, a transaction id is remembered as a homeserver
// does (the same one again gives the first event back and posts nothing), room state is set by
// the test, and the next sends can be made to fail or to hang (a crash mid-send).

/** The clock and event-id source shared by a test's events and the port's own events. */
export class Timeline {
  #ts: number;
  #n = 0;
  readonly step: number;

  constructor(start = Date.UTC(2026, 0, 15, 14, 0, 0), step = 1000) {
    this.#ts = start;
    this.step = step;
  }

  /** The next origin_server_ts: strictly increasing. */
  tick(): number {
    this.#ts += this.step;
    return this.#ts;
  }

  /** The current time, without advancing. */
  get now(): number {
    return this.#ts;
  }

  nextId(prefix = "ev"): string {
    this.#n += 1;
    return `$${prefix}${String(this.#n)}`;
  }

  /** Any room event; the others build on this. */
  event(
    type: string,
    sender: string,
    content: Content,
    extra: Partial<Pick<MatrixEvent, "state_key" | "redacts" | "unsigned">> = {},
  ): MatrixEvent {
    return {
      event_id: this.nextId(),
      type,
      sender,
      origin_server_ts: this.tick(),
      content,
      ...extra,
    };
  }

  /** An `m.room.message` (`m.text` unless told), with extra content merged in. */
  message(sender: string, body: string, extra: { msgtype?: string; content?: Content } = {}) {
    return this.event("m.room.message", sender, {
      msgtype: extra.msgtype ?? "m.text",
      body,
      ...extra.content,
    });
  }

  notice(sender: string, body: string): MatrixEvent {
    return this.message(sender, body, { msgtype: "m.notice" });
  }

  emote(sender: string, body: string): MatrixEvent {
    return this.message(sender, body, { msgtype: "m.emote" });
  }

  /** An edit (`m.replace`) as clients send it: `* new` in body, the new text in m.new_content. */
  edit(sender: string, target: MatrixEvent | string, newBody: string): MatrixEvent {
    return this.message(sender, `* ${newBody}`, {
      content: {
        "m.new_content": { msgtype: "m.text", body: newBody },
        "m.relates_to": { rel_type: "m.replace", event_id: idOf(target) },
      },
    });
  }

  /** A redaction; room v1–10 name the target at the top level, v11+ in the content. */
  redaction(sender: string, target: MatrixEvent | string, form: "v10" | "v11" = "v11") {
    return form === "v11"
      ? this.event("m.room.redaction", sender, { redacts: idOf(target) })
      : this.event("m.room.redaction", sender, {}, { redacts: idOf(target) });
  }

  /** A reply with the legacy fallback (`> <@sender> quoted` lines, a blank line, the reply). */
  reply(sender: string, target: MatrixEvent, body: string, fallback = true): MatrixEvent {
    const original = target.content["body"];
    const quoted = (typeof original === "string" ? original : "")
      .split("\n")
      .map((line, i) => (i === 0 ? `> <${target.sender}> ${line}` : `> ${line}`))
      .join("\n");
    return this.message(sender, fallback ? `${quoted}\n\n${body}` : body, {
      content: { "m.relates_to": { "m.in_reply_to": { event_id: target.event_id } } },
    });
  }

  /** A message in the thread of `root` (a plain thread message: the reply is only a fallback). */
  thread(sender: string, root: MatrixEvent | string, body: string, replyTo?: string): MatrixEvent {
    return this.message(sender, body, {
      content: {
        "m.relates_to": {
          rel_type: "m.thread",
          event_id: idOf(root),
          is_falling_back: replyTo === undefined,
          "m.in_reply_to": { event_id: replyTo ?? idOf(root) },
        },
      },
    });
  }

  state(type: string, sender: string, content: Content, stateKey = ""): MatrixEvent {
    return this.event(type, sender, content, { state_key: stateKey });
  }
}

function idOf(target: MatrixEvent | string): string {
  return typeof target === "string" ? target : target.event_id;
}

/** A notice the homeserver took. */
export interface SentNotice {
  readonly roomId: string;
  readonly eventId: string;
  readonly txnId: string | undefined;
  readonly ts: number;
  readonly notice: Notice;
  /** The event content as the SDK port would send it. */
  readonly content: Content;
}

/** A reaction the homeserver took. */
export interface SentReaction {
  readonly roomId: string;
  readonly eventId: string;
  readonly txnId: string | undefined;
  /** The event reacted to. */
  readonly target: string;
  readonly key: string;
}

/** One call of sendNotice or react, whatever became of it. */
export interface SendAttempt {
  readonly kind: "notice" | "reaction";
  readonly roomId: string;
  readonly txnId: string | undefined;
  readonly body: string;
  readonly outcome: "sent" | "replayed" | "failed" | "hung";
}

/** Which sends a fault applies to; all by default. */
export type SendFilter = (send: { kind: "notice" | "reaction"; body: string }) => boolean;

type Fault =
  | { readonly type: "throw"; readonly error: unknown; readonly match: SendFilter }
  | { readonly type: "hang"; readonly deliver: boolean; readonly match: SendFilter };

export interface RoomSetup {
  /** Room version; "11" unless told. */
  readonly version?: string;
  /** The creator (the create event's sender). */
  readonly creator: string;
  /** `m.room.power_levels` users; no power-levels event when undefined. */
  readonly users?: Readonly<Record<string, number>>;
  readonly usersDefault?: number;
  readonly alias?: string;
  readonly name?: string;
}

const ANY: SendFilter = () => true;

/** The in-memory MatrixPort. `start`/`stop` are not used by the bot's tests and throw. */
export class FakePort implements MatrixPort {
  readonly userId: string;
  readonly clock: Timeline;
  readonly notices: SentNotice[] = [];
  readonly reactions: SentReaction[] = [];
  readonly attempts: SendAttempt[] = [];
  readonly redactions: { roomId: string; eventId: string; reason?: string }[] = [];
  /** Rooms joined, by ID. */
  readonly joined: string[] = [];
  /** Alias → room ID, for joinRoom and resolveAlias. */
  readonly aliases = new Map<string, string>();
  /** Calls of roomState, per room. */
  readonly stateReads = new Map<string, number>();
  readonly #txns = new Map<string, string>();
  readonly #state = new Map<string, MatrixEvent[]>();
  readonly #faults: Fault[] = [];
  #echoed = 0;
  #n = 0;

  constructor(options: { userId?: string; clock?: Timeline } = {}) {
    this.userId = options.userId ?? "@bot:test";
    this.clock = options.clock ?? new Timeline();
  }

  // --- test controls ----------------------------------------------------------------------

  /** The next `times` matching sends throw `error` (default: a 500 from the homeserver). */
  failNext(times: number, error: unknown = { statusCode: 500 }, match: SendFilter = ANY): this {
    for (let i = 0; i < times; i++) this.#faults.push({ type: "throw", error, match });
    return this;
  }

  /**
   * The next matching send never resolves: the process "dies" there. With `deliver`, the
   * homeserver took the event first (a crash between the send and recording it).
   */
  hangNext(options: { deliver: boolean; match?: SendFilter }): this {
    this.#faults.push({ type: "hang", deliver: options.deliver, match: options.match ?? ANY });
    return this;
  }

  /** Sets (replaces) one state event of a room. */
  setState(roomId: string, event: MatrixEvent): void {
    const state = (this.#state.get(roomId) ?? []).filter(
      (e) => !(e.type === event.type && (e.state_key ?? "") === (event.state_key ?? "")),
    );
    state.push(event);
    this.#state.set(roomId, state);
  }

  /** A room's create event, power levels, alias and name, all at once. */
  setRoom(roomId: string, setup: RoomSetup): void {
    const version = setup.version ?? "11";
    const legacy = /^\d+$/.test(version) && Number(version) <= 10;
    this.setState(
      roomId,
      this.clock.state("m.room.create", setup.creator, {
        room_version: version,
        ...(legacy ? { creator: setup.creator } : {}),
      }),
    );
    if (setup.users !== undefined) this.setPowerLevels(roomId, setup.users, setup.usersDefault);
    if (setup.alias !== undefined)
      this.setState(
        roomId,
        this.clock.state("m.room.canonical_alias", setup.creator, { alias: setup.alias }),
      );
    if (setup.name !== undefined)
      this.setState(roomId, this.clock.state("m.room.name", setup.creator, { name: setup.name }));
  }

  setPowerLevels(
    roomId: string,
    users: Readonly<Record<string, number>>,
    usersDefault = 0,
  ): MatrixEvent {
    const sender =
      this.#state.get(roomId)?.find((e) => e.type === "m.room.create")?.sender ?? "@admin:test";
    const event = this.clock.state("m.room.power_levels", sender, {
      users: { ...users },
      users_default: usersDefault,
    });
    this.setState(roomId, event);
    return event;
  }

  /** The bot's notices not yet echoed, as the timeline events the homeserver sends back. */
  takeEchoes(roomId?: string): MatrixEvent[] {
    const fresh = this.notices.slice(this.#echoed);
    this.#echoed = this.notices.length;
    return fresh
      .filter((n) => roomId === undefined || n.roomId === roomId)
      .map((n) => this.echo(n));
  }

  /** A sent notice as a timeline event. */
  echo(sent: SentNotice): MatrixEvent {
    return {
      event_id: sent.eventId,
      type: "m.room.message",
      sender: this.userId,
      origin_server_ts: sent.ts,
      content: sent.content,
    };
  }

  noticesIn(roomId: string): SentNotice[] {
    return this.notices.filter((n) => n.roomId === roomId);
  }

  /** The keys of the reactions on an event, in the order sent. */
  reactionsOn(eventId: string): string[] {
    return this.reactions.filter((r) => r.target === eventId).map((r) => r.key);
  }

  // --- MatrixPort ---------------------------------------------------------------------------

  whoAmI(): Promise<{ readonly userId: string; readonly deviceId?: string }> {
    return Promise.resolve({ userId: this.userId, deviceId: "FAKE" });
  }

  sendNotice(roomId: string, notice: Notice, txnId?: string): Promise<string> {
    const content = noticeContent(notice);
    return this.#send("notice", roomId, txnId, notice.body, (eventId) => {
      this.notices.push({ roomId, eventId, txnId, ts: this.clock.tick(), notice, content });
    });
  }

  react(roomId: string, eventId: string, key: string, txnId?: string): Promise<string> {
    return this.#send("reaction", roomId, txnId, key, (id) => {
      this.reactions.push({ roomId, eventId: id, txnId, target: eventId, key });
    });
  }

  redact(roomId: string, eventId: string, reason?: string): Promise<string> {
    this.redactions.push({ roomId, eventId, ...(reason === undefined ? {} : { reason }) });
    return Promise.resolve(this.#newId());
  }

  roomState(roomId: string): Promise<readonly MatrixEvent[]> {
    this.stateReads.set(roomId, (this.stateReads.get(roomId) ?? 0) + 1);
    return Promise.resolve([...(this.#state.get(roomId) ?? [])]);
  }

  messages(_roomId: string, _query: MessagesQuery): Promise<MessagesPage> {
    return Promise.resolve({ events: [] });
  }

  joinRoom(roomIdOrAlias: string): Promise<string> {
    const roomId = this.aliases.get(roomIdOrAlias) ?? roomIdOrAlias;
    if (roomId.startsWith("#"))
      return Promise.reject(
        Object.assign(new Error(`unknown alias ${roomId}`), { statusCode: 404 }),
      );
    this.joined.push(roomId);
    return Promise.resolve(roomId);
  }

  resolveAlias(alias: string): Promise<string | null> {
    return Promise.resolve(this.aliases.get(alias) ?? null);
  }

  leaveRoom(): Promise<void> {
    return Promise.resolve();
  }

  start(_handlers: SyncHandlers): Promise<void> {
    return Promise.reject(new Error("FakePort: no event feed; call bot.handle directly"));
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  // --- internals ----------------------------------------------------------------------------

  #newId(): string {
    this.#n += 1;
    return `$bot${String(this.#n)}`;
  }

  #send(
    kind: "notice" | "reaction",
    roomId: string,
    txnId: string | undefined,
    body: string,
    record: (eventId: string) => void,
  ): Promise<string> {
    const attempt = (outcome: SendAttempt["outcome"]): void => {
      this.attempts.push({ kind, roomId, txnId, body, outcome });
    };
    const txnKey = txnId === undefined ? undefined : `${roomId}\u0000${txnId}`;
    const known = txnKey === undefined ? undefined : this.#txns.get(txnKey);
    const at = this.#faults.findIndex((f) => f.match({ kind, body }));
    const fault = at === -1 ? undefined : this.#faults.splice(at, 1)[0];
    if (fault?.type === "throw") {
      attempt("failed");
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- faults are plain objects ({ statusCode, errcode }), as the tests need them
      return Promise.reject(fault.error);
    }
    let eventId = known;
    if (eventId === undefined && (fault === undefined || fault.deliver)) {
      eventId = this.#newId();
      if (txnKey !== undefined) this.#txns.set(txnKey, eventId);
      record(eventId);
    }
    if (fault !== undefined) {
      attempt("hung");
      return new Promise<string>(() => undefined);
    }
    attempt(known === undefined ? "sent" : "replayed");
    return Promise.resolve(eventId ?? "");
  }
}
