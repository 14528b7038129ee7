import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadMeetingsFromBytes } from "../../src/app/load-meetings.ts";
import { EXTENSION, MINUTES_FORMATS, renderMeeting } from "../../src/app/render-meeting.ts";
import { MeetingBot } from "../../src/bot/meeting-bot.ts";
import type { RoomSync, RoomSyncScope } from "../../src/bot/room-sync.ts";
import { MatrixSchema } from "../../src/config/matrix-schema.ts";
import type { Meeting } from "../../src/core/meeting.ts";
import { SIGMEET_LOG_MARKER } from "../../src/core/sigmeet-log.ts";
import type { MatrixEvent } from "../../src/matrix/port.ts";
import { RetryBatch } from "../../src/matrix/port.ts";
import { openStore } from "../../src/store/index.ts";
import type { Store } from "../../src/store/index.ts";
import { FakePort, type RoomSetup, type SentNotice, type Timeline } from "./fake-port.ts";

const ROOM = "!r:test";
const ALIAS = "#sig:hs.test";
const ROOM_NAME = "SIG Room";
const BOT = "@bot:test";
const CHAIR = "@chair:test"; // the room's creator, power level 100
const PL = "@pl:test"; // power level 50: a chair by the room
const MEMBER = "@member:test"; // power level 0
const GUEST = "@guest:test"; // not in the power levels at all
const LOG_URL_BASE = "https://meetbot.test";
const CTX = { aliases: new Map<string, string>(), logUrlBase: LOG_URL_BASE };

const ROOM_SETUP: RoomSetup = {
  version: "11",
  creator: CHAIR,
  users: { [CHAIR]: 100, [BOT]: 50, [PL]: 50, [MEMBER]: 0 },
  alias: ALIAS,
  name: ROOM_NAME,
};

const CHAIR_ONLY = [
  "!topic Builds",
  "!agreed ship it",
  "!accepted the proposal",
  "!rejected the other proposal",
  "!endmeeting",
  "!chair @member:test",
  "!unchair @pl:test",
  "!undo",
  "!meetingname other name",
  "!meetingtopic Other topic",
];

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const done of cleanup.splice(0)) done();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "sigmeet-bot-"));
  cleanup.push(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

interface HarnessOptions {
  /** A store file (restarts); `:memory:` when absent. */
  readonly storePath?: string;
  readonly room?: RoomSetup;
  /** Shares the homeserver (and its clock) with an earlier harness: a restart. */
  readonly port?: FakePort;
  readonly minutesDir?: string;
  readonly sync?: RoomSync;
  readonly syncAfterMeeting?: boolean;
}

/** A bot over a fake homeserver, and the helpers to talk to it as a room would. */
class Harness {
  readonly port: FakePort;
  readonly tl: Timeline;
  readonly store: Store;
  readonly bot: MeetingBot;
  readonly minutesDir: string;
  readonly syncCalls: RoomSyncScope[] = [];
  readonly logs: string[] = [];
  readonly sleeps: number[] = [];

  constructor(options: HarnessOptions = {}) {
    this.port = options.port ?? new FakePort({ userId: BOT });
    this.tl = this.port.clock;
    if (options.port === undefined) this.port.setRoom(ROOM, options.room ?? ROOM_SETUP);
    this.minutesDir = options.minutesDir ?? tempDir();
    this.store = openStore(options.storePath ?? ":memory:");
    const sync = options.sync ?? (() => Promise.resolve(null));
    this.bot = new MeetingBot({
      port: this.port,
      store: this.store,
      matrix: MatrixSchema.parse({
        homeserverUrl: "https://hs.test",
        rooms: [ROOM],
        minutesDir: this.minutesDir,
        ...(options.syncAfterMeeting === undefined
          ? {}
          : { syncAfterMeeting: options.syncAfterMeeting }),
      }),
      userId: BOT,
      bots: [],
      aliases: new Map(),
      logUrlBase: LOG_URL_BASE,
      sync: (scope) => {
        this.syncCalls.push(scope);
        return sync(scope);
      },
      log: (line) => this.logs.push(line),
      sleep: (ms) => {
        this.sleeps.push(ms);
        return Promise.resolve();
      },
    });
  }

  /** Handles an event, then (by default) the echoes of what the bot sent, as a homeserver would. */
  async handle(event: MatrixEvent, echo = true): Promise<MatrixEvent> {
    await this.bot.handle(ROOM, event);
    if (echo) await this.echo();
    return event;
  }

  /** A message of `sender`; the bot's replies are echoed back before the next one. */
  say(sender: string, body: string, echo = true): Promise<MatrixEvent> {
    return this.handle(this.tl.message(sender, body), echo);
  }

  /** Feeds the bot its own notices back until it sends nothing more (a few rounds at most). */
  async echo(): Promise<void> {
    for (let round = 0; round < 5; round++) {
      const echoes = this.port.takeEchoes(ROOM);
      if (echoes.length === 0) return;
      for (const event of echoes) await this.bot.handle(ROOM, event);
    }
    throw new Error("the bot keeps answering its own notices");
  }

  mark(): number {
    return this.port.notices.length;
  }

  since(mark: number): SentNotice[] {
    return this.port.notices.slice(mark);
  }

  bodies(mark = 0): string[] {
    return this.since(mark).map((n) => n.notice.body);
  }

  /** What the bot said in reply to one event. */
  repliesTo(event: MatrixEvent): SentNotice[] {
    return this.port.notices.filter((n) => n.notice.replyTo === event.event_id);
  }

  reactionsOn(event: MatrixEvent): string[] {
    return this.port.reactionsOn(event.event_id);
  }

  /** Whether a meeting of the room has stored live rows (is running). */
  running(): boolean {
    return this.store.bot.live.rooms().includes(ROOM);
  }

  files(): string[] {
    return walk(this.minutesDir).map((f) => relative(this.minutesDir, f));
  }

  async start(title = "SIG weekly", sender = CHAIR): Promise<MatrixEvent> {
    return this.say(sender, `!startmeeting ${title}`);
  }

  /** The minutes items of ended meetings, as the store has them. */
  items(): { kind: string; text: string; nick: string }[] {
    return this.store.listItems().map((r) => ({ kind: r.kind, text: r.text, nick: r.nick }));
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((f) => {
      const path = join(dir, f);
      return statSync(path).isDirectory() ? walk(path) : [path];
    })
    .sort();
}

/** The one published log, re-imported as `sigmeet import` reads it. */
function reimport(minutesDir: string, channel?: string): { meeting: Meeting; stem: string } {
  const logs = walk(minutesDir).filter((f) => f.endsWith(".log.txt"));
  expect(logs).toHaveLength(1);
  const file = logs[0]!;
  const loaded = loadMeetingsFromBytes(new Uint8Array(readFileSync(file)), file, {
    bots: [],
    channel,
  });
  expect(loaded.issues).toEqual([]);
  expect(loaded.meetings).toHaveLength(1);
  return { meeting: loaded.meetings[0]!, stem: file.slice(0, -".log.txt".length) };
}

/** The key invariant: the published files are exactly what the re-imported log renders to. */
function expectSameMinutes(minutesDir: string, channel?: string): Meeting {
  const { meeting, stem } = reimport(minutesDir, channel);
  for (const format of MINUTES_FORMATS) {
    const written = readFileSync(stem + EXTENSION[format], "utf8");
    expect(renderMeeting(meeting, format, CTX), format).toBe(written);
  }
  return meeting;
}

function html(n: SentNotice | undefined): string {
  return n?.notice.html ?? "";
}

// ---------------------------------------------------------------------------------------------

describe("starting a meeting", () => {
  it("lets a member at power level 50 start one: ✅, the start notice, the follow-up review", async () => {
    const h = new Harness();
    const start = await h.say(PL, "!startmeeting SIG weekly", false);
    expect(h.reactionsOn(start)).toEqual(["✅"]);
    const [notice, review, ...rest] = h.port.notices;
    expect(rest).toEqual([]);
    const time = new Date(start.origin_server_ts).toISOString().slice(11, 19);
    expect(notice?.notice.body).toBe(
      [
        `Meeting started at 2026-01-15 ${time} UTC`,
        "The Meeting name is 'SIG weekly'",
        SIGMEET_LOG_MARKER,
        // the starter first, then everyone at the chair level; never the bot itself
        `Current chairs: ${PL} ${CHAIR}`,
      ].join("\n"),
    );
    expect(notice?.notice.html).toBeUndefined();
    expect(notice?.notice.replyTo).toBeUndefined();
    expect(notice?.notice.mentions).toEqual({});
    expect(review?.notice.body).toBe("No open action items from earlier meetings.");
    expect(review?.notice.replyTo).toBe(start.event_id);
    expect(h.running()).toBe(true);
  });

  it("refuses a member below power level 50, mentioning them, and starts nothing", async () => {
    const h = new Harness();
    for (const who of [MEMBER, GUEST]) {
      const start = await h.say(who, "!startmeeting mine");
      const [refusal, ...rest] = h.repliesTo(start);
      expect(rest).toEqual([]);
      expect(refusal?.notice.body).toBe(
        "Only members with power level 50 or more can start a meeting in this room.",
      );
      expect(refusal?.notice.mentions).toEqual({ userIds: [who] });
      expect(refusal?.content["m.mentions"]).toEqual({ user_ids: [who] });
      expect(h.reactionsOn(start)).toEqual([]);
    }
    expect(h.running()).toBe(false);
    // Still no meeting: a meeting command says so.
    const topic = await h.say(CHAIR, "!topic nothing");
    expect(h.repliesTo(topic).map((n) => n.notice.body)).toEqual([
      "No meeting is in progress; !startmeeting <name> starts one.",
    ]);
  });

  it("lets a room version 12 creator start one (creators are not in the power levels)", async () => {
    const h = new Harness({
      room: { version: "12", creator: MEMBER, users: { [PL]: 50 }, alias: ALIAS },
    });
    const start = await h.start("v12", MEMBER);
    expect(h.reactionsOn(start)).toEqual(["✅"]);
    expect(h.port.notices[0]?.notice.body).toContain(`Current chairs: ${MEMBER} ${PL}`);
    // A v11 creator who is not in the power levels has no such right.
    const v11 = new Harness({ room: { version: "11", creator: GUEST, users: {} } });
    await v11.start("v11", GUEST);
    expect(v11.running()).toBe(false);
  });

  it("takes #startmeeting and !sm too", async () => {
    for (const command of ["#startmeeting Hash start", "!sm Short start", "!STARTMEETING Caps"]) {
      const h = new Harness();
      const start = await h.say(CHAIR, command);
      expect(h.reactionsOn(start), command).toEqual(["✅"]);
      expect(h.running(), command).toBe(true);
    }
  });

  it("answers a second !startmeeting with 'already in progress'", async () => {
    const h = new Harness();
    await h.start("First");
    const again = await h.say(PL, "!startmeeting Second");
    expect(h.repliesTo(again).map((n) => n.notice.body)).toEqual([
      "A meeting is already in progress: First.",
    ]);
    await h.say(CHAIR, "!endmeeting");
    expect(h.files().some((f) => f.includes("/first."))).toBe(true);
  });

  it("counts the commands pasted after !startmeeting in the same message", async () => {
    const h = new Harness();
    const start = await h.say(CHAIR, "!startmeeting Pasted\n!topic Agenda\n!info one\n!info two");
    expect(h.reactionsOn(start)).toEqual(["✅", "✏️"]);
    await h.say(CHAIR, "!endmeeting");
    expect(h.items().map((i) => [i.kind, i.text])).toEqual([
      ["topic", "Agenda"],
      ["info", "one"],
      ["info", "two"],
    ]);
  });
});

describe("commands in a meeting", () => {
  it("acknowledges each item command of anyone with its emoji", async () => {
    const h = new Harness();
    await h.start();
    const cases: [string, string, string[]][] = [
      [GUEST, "!action @guest:test to rebuild glibc", ["🚩"]],
      [MEMBER, "!info glibc is rebuilt", ["✏️"]],
      [MEMBER, "#idea use a side tag", ["💭"]],
      [GUEST, "!help someone to review the spec", ["🛟"]],
      [GUEST, "!halp more hands", ["🛟"]],
      [MEMBER, "!link https://example.org the docs", ["🔗"]],
      [MEMBER, "!nick @absent:test", ["✅"]],
      [CHAIR, "!topic Builds", ["✅"]],
      [CHAIR, "!agreed ship it", ["👍"]],
      [PL, "!accepted the proposal", ["👍"]],
      [PL, "!rejected the other proposal", ["👎"]],
      [CHAIR, "!meetingtopic A better title", ["✅"]],
      [CHAIR, "!chair @member:test", ["✅"]],
      [CHAIR, "!unchair @member:test", ["✅"]],
      [CHAIR, "!undo", ["✅"]],
      // An item command without text records nothing, so nothing is acknowledged.
      [MEMBER, "!info", []],
      [CHAIR, "!topic", []],
      // Chat, and words that are no command, are just logged.
      [MEMBER, "hello !info not at the start", []],
      [MEMBER, "!hi", []],
    ];
    for (const [sender, body, emoji] of cases) {
      const event = await h.say(sender, body);
      expect(h.reactionsOn(event), body).toEqual(emoji);
    }
    await h.say(CHAIR, "!endmeeting");
    expect(h.items().map((i) => i.kind)).toEqual([
      "action",
      "info",
      "idea",
      "help",
      "help",
      "link",
      "topic",
      "agreed",
      "accepted",
      // the rejected one was undone
    ]);
  });

  it("reacts once per distinct emoji of a multi-command message, and all its commands count", async () => {
    const h = new Harness();
    await h.start();
    const event = await h.say(
      CHAIR,
      "!topic Builds\n!agreed a\n!accepted b\nsome chat\n!info c\n!info d\n!action e",
    );
    expect(h.reactionsOn(event)).toEqual(["✅", "👍", "✏️", "🚩"]);
    await h.say(CHAIR, "!endmeeting");
    expect(h.items().map((i) => [i.kind, i.text])).toEqual([
      ["topic", "Builds"],
      ["agreed", "a"],
      ["accepted", "b"],
      ["info", "c"],
      ["info", "d"],
      ["action", "e"],
    ]);
  });

  it.each(CHAIR_ONLY)("refuses %s from a non-chair, mentioning them", async (command) => {
    const h = new Harness();
    await h.start();
    const event = await h.say(MEMBER, command);
    const word = command.split(" ")[0]!;
    const replies = h.repliesTo(event);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.notice.body).toBe(
      `Only this meeting's chairs can use ${word}; a chair can add you with !chair.`,
    );
    expect(html(replies[0])).toContain(`<code>${word}</code>`);
    expect(replies[0]?.notice.mentions).toEqual({ userIds: [MEMBER] });
    expect(replies[0]?.content["m.mentions"]).toEqual({ user_ids: [MEMBER] });
    expect(replies[0]?.notice.replyTo).toBe(event.event_id);
    expect(h.reactionsOn(event)).toEqual([]);
    // Refused is refused in the minutes too, and the meeting goes on.
    expect(h.running()).toBe(true);
    await h.say(CHAIR, "!endmeeting");
    const meeting = expectSameMinutes(h.minutesDir);
    expect(meeting.items).toEqual([]);
    expect(meeting.name).toBe("SIG weekly");
    expect(meeting.chairs).toEqual([CHAIR, PL]);
  });

  it("names every refused command of one message in one reply, with the prefix used", async () => {
    const h = new Harness();
    await h.start();
    const event = await h.say(GUEST, "#topic x\n!agreed y\n!info z\n#topic w");
    expect(h.repliesTo(event).map((n) => n.notice.body)).toEqual([
      "Only this meeting's chairs can use #topic, !agreed; a chair can add you with !chair.",
    ]);
    expect(h.reactionsOn(event)).toEqual(["✏️"]);
  });

  it("announces a power-level chair whose command raced the start notice, and asks to resend", async () => {
    const h = new Harness();
    await h.say(CHAIR, "!startmeeting Race", false); // the start notice is not back yet
    const early = await h.say(PL, "!topic Early", false);
    const replies = h.since(2).map((n) => [n.notice.body, n.notice.mentions]);
    expect(replies).toEqual([
      [`Current chairs: ${CHAIR} ${PL}`, {}],
      [
        "You chair this room, so you chair this meeting from now on: please send !topic again.",
        { userIds: [PL] },
      ],
    ]);
    expect(h.reactionsOn(early)).toEqual([]);
    await h.echo();
    const again = await h.say(PL, "!topic Early");
    expect(h.reactionsOn(again)).toEqual(["✅"]);
    await h.say(CHAIR, "!endmeeting");
    const meeting = expectSameMinutes(h.minutesDir);
    expect(meeting.items.map((i) => [i.kind, i.text, i.nick])).toEqual([["topic", "Early", PL]]);
  });

  it("makes a member promoted during the meeting a chair at their first chair command", async () => {
    const h = new Harness();
    await h.start();
    h.port.setPowerLevels(ROOM, { [CHAIR]: 100, [PL]: 50, [MEMBER]: 50 });
    const first = await h.say(MEMBER, "!agreed promoted");
    expect(h.repliesTo(first).map((n) => n.notice.body)).toEqual([
      "You chair this room, so you chair this meeting from now on: please send !agreed again.",
    ]);
    expect(h.bodies()).toContain(`Current chairs: ${CHAIR} ${PL} ${MEMBER}`);
    const second = await h.say(MEMBER, "!agreed promoted");
    expect(h.reactionsOn(second)).toEqual(["👍"]);
  });

  it("lets someone added with !chair use the chair commands; !unchair takes that back", async () => {
    const h = new Harness();
    await h.start();
    const refused = await h.say(GUEST, "!topic Before");
    expect(h.repliesTo(refused)).toHaveLength(1);
    const mark = h.mark();
    const chair = await h.say(CHAIR, "!chair @guest:test");
    expect(h.reactionsOn(chair)).toEqual(["✅"]);
    expect(h.bodies(mark)).toEqual([`Current chairs: ${CHAIR} ${PL} ${GUEST}`]);
    const topic = await h.say(GUEST, "!topic After");
    expect(h.reactionsOn(topic)).toEqual(["✅"]);
    await h.say(CHAIR, "!unchair @guest:test");
    const again = await h.say(GUEST, "!topic Again");
    expect(h.repliesTo(again)).toHaveLength(1);
    await h.say(CHAIR, "!endmeeting");
    const meeting = expectSameMinutes(h.minutesDir);
    expect(meeting.items.map((i) => i.text)).toEqual(["After"]);
  });

  it("keeps a !chair pasted after !startmeeting in the same message", async () => {
    const h = new Harness();
    await h.say(CHAIR, "!startmeeting Pasted chair\n!chair @guest:test");
    const topic = await h.say(GUEST, "!topic By the pasted chair");
    expect(h.repliesTo(topic)).toEqual([]);
    expect(h.reactionsOn(topic)).toEqual(["✅"]);
  });

  it("keeps a !chair and the power-level chairs when the !chair raced the start notice", async () => {
    const h = new Harness();
    await h.say(CHAIR, "!startmeeting Race", false);
    await h.say(CHAIR, "!chair @guest:test", false);
    await h.echo(); // the start notice and the chairs line arrive after the `!chair`
    const guest = await h.say(GUEST, "!topic By the added chair");
    const pl = await h.say(PL, "!topic By the power-level chair");
    expect(h.reactionsOn(guest)).toEqual(["✅"]);
    expect(h.reactionsOn(pl)).toEqual(["✅"]);
    await h.say(CHAIR, "!endmeeting");
    expect(expectSameMinutes(h.minutesDir).chairs).toEqual([CHAIR, GUEST, PL]);
  });

  it("does not answer its own start notice with another chairs announcement", async () => {
    const h = new Harness();
    await h.start();
    // The start notice names the chairs once; its echo changes nothing that needs saying.
    expect(h.bodies().filter((b) => b.startsWith("Current chairs:"))).toEqual([]);
    expect(h.bodies().filter((b) => b.includes("Current chairs:"))).toHaveLength(1);
  });

  it("does not re-announce the chairs it announced for a refused power-level chair", async () => {
    const h = new Harness();
    await h.start();
    h.port.setPowerLevels(ROOM, { [CHAIR]: 100, [PL]: 50, [MEMBER]: 50 });
    await h.say(MEMBER, "!topic promoted");
    expect(h.bodies().filter((b) => b.startsWith("Current chairs:"))).toEqual([
      `Current chairs: ${CHAIR} ${PL} ${MEMBER}`,
    ]);
  });

  it("renames the meeting with !meetingname and says so", async () => {
    const h = new Harness();
    await h.start("First name");
    const mark = h.mark();
    const rename = await h.say(PL, "!mn Second Name");
    expect(h.reactionsOn(rename)).toEqual(["✅"]);
    expect(h.bodies(mark)).toEqual(["The Meeting Name is now Second Name"]);
    await h.say(CHAIR, "!endmeeting");
    expect(h.files().filter((f) => f.endsWith(".log.txt"))).toEqual([
      "sig_matrix_hs-test/2026-01-15/second-name.2026-01-15-14.00.log.txt",
    ]);
  });
});

describe("answering commands", () => {
  it("answers !help alone with the list, in and out of a meeting; !help with text is an item", async () => {
    const h = new Harness();
    const outside = await h.say(GUEST, "!help");
    const [list] = h.repliesTo(outside);
    expect(list?.notice.body).toContain("Running a meeting");
    expect(list?.notice.body).toContain("!startmeeting <title>");
    expect(list?.notice.body).toContain("!sync: Sync this room's");
    expect(html(list)).toContain("<strong>Recording the minutes</strong>");
    expect(list?.notice.mentions).toEqual({});
    await h.start();
    const inside = await h.say(MEMBER, "#help");
    expect(h.repliesTo(inside).map((n) => n.notice.body)).toEqual([list?.notice.body]);
    expect(h.reactionsOn(inside)).toEqual([]);
    const item = await h.say(MEMBER, "!help needed with the docs");
    expect(h.repliesTo(item)).toEqual([]);
    expect(h.reactionsOn(item)).toEqual(["🛟"]);
    await h.say(CHAIR, "!endmeeting");
    expect(h.items()).toEqual([{ kind: "help", text: "needed with the docs", nick: MEMBER }]);
  });

  it("says once that no meeting is in progress, for any number of meeting commands", async () => {
    const h = new Harness();
    const event = await h.say(CHAIR, "!topic a\n!info b\n!endmeeting");
    expect(h.port.notices.map((n) => n.notice.body)).toEqual([
      "No meeting is in progress; !startmeeting <name> starts one.",
    ]);
    expect(h.repliesTo(event)).toHaveLength(1);
    // `#` is common in chat (hashtags): only `!` commands get that answer.
    await h.say(CHAIR, "#topic a");
    // `!startmeeting` must be the message's first line to start a meeting.
    await h.say(CHAIR, "hello\n!startmeeting Late");
    expect(h.port.notices).toHaveLength(2);
    expect(h.running()).toBe(false);
    expect(h.port.reactions).toEqual([]);
  });

  it("lists open actions, searches decisions and marks actions done, per room", async () => {
    const h = new Harness();
    await h.start();
    await h.say(CHAIR, "!action @member:test to file the glibc bug\n!agreed enable x86_64-v3");
    await h.say(CHAIR, "!endmeeting");
    const [row] = h.store.listItems({ kind: "action" });
    expect(row?.channel).toBe(ALIAS);

    const actions = await h.say(GUEST, "!actions");
    const listed = h.repliesTo(actions)[0]?.notice.body ?? "";
    expect(listed).toContain(`#${String(row?.id)} @\u200Dmember:test to file the glibc bug`);
    const mine = await h.say(GUEST, "!actions @member:test");
    expect(h.repliesTo(mine)[0]?.notice.body).toContain("Open action items of member:");
    const nobody = await h.say(GUEST, "!actions @nobody:test");
    expect(h.repliesTo(nobody)[0]?.notice.body).toBe("No open action items of nobody.");

    const decisions = await h.say(GUEST, "!decisions x86_64-v3");
    expect(h.repliesTo(decisions)[0]?.notice.body).toContain("AGREED: enable x86_64-v3");
    const none = await h.say(GUEST, "!decisions nothing-like-it");
    expect(h.repliesTo(none)[0]?.notice.body).toBe("No decisions match “nothing-like-it”.");

    const done = await h.say(MEMBER, `!done ${String(row?.id)}`);
    expect(h.repliesTo(done)[0]?.notice.body).toMatch(/^Done:/);
    const after = await h.say(GUEST, "!actions");
    expect(h.repliesTo(after)[0]?.notice.body).toBe("No open action items.");

    // The next meeting opens with the open actions of earlier ones: none now.
    const next = await h.start("Next");
    expect(h.repliesTo(next).map((n) => n.notice.body)).toEqual([
      "No open action items from earlier meetings.",
    ]);
  });

  it("opens a meeting with the open actions of earlier meetings", async () => {
    const h = new Harness();
    await h.start("One");
    await h.say(MEMBER, "!action @member:test to write the docs");
    await h.say(CHAIR, "!endmeeting");
    const next = await h.start("Two");
    const review = h.repliesTo(next).map((n) => n.notice.body);
    expect(review).toHaveLength(1);
    expect(review[0]).toContain("Open action items from earlier meetings");
    expect(review[0]).toContain("to write the docs");
  });

  it("runs !sync for a chair as a background job and posts its result", async () => {
    const h = new Harness({
      sync: () => Promise.resolve({ report: ["github fedora/eln: 1 issue opened"], problems: [] }),
      syncAfterMeeting: false,
    });
    await h.start();
    await h.say(CHAIR, "!action @member:test to do it");
    await h.say(CHAIR, "!endmeeting");
    const event = await h.say(PL, "!sync");
    await h.bot.idle();
    await h.echo();
    expect(h.syncCalls.map((c) => [c.channel, c.meetings.map((m) => m.name)])).toEqual([
      [ALIAS, ["SIG weekly"]],
    ]);
    expect(h.repliesTo(event).map((n) => n.notice.body)).toEqual([
      "Syncing this room's items with the tracker; the result follows.",
      "- github fedora/eln: 1 issue opened",
    ]);
  });

  it("refuses !sync to a non-chair and says when no tracker takes the room", async () => {
    const h = new Harness({ syncAfterMeeting: false });
    const refused = await h.say(MEMBER, "!sync");
    expect(h.repliesTo(refused).map((n) => [n.notice.body, n.notice.mentions])).toEqual([
      ["Only chairs can use !sync.", { userIds: [MEMBER] }],
    ]);
    await h.start();
    const inMeeting = await h.say(MEMBER, "#sync");
    expect(h.repliesTo(inMeeting).map((n) => n.notice.body)).toEqual([
      "Only chairs can use #sync.",
    ]);
    const allowed = await h.say(PL, "!sync");
    await h.bot.idle();
    expect(h.syncCalls).toEqual([{ channel: ALIAS, meetings: [] }]);
    expect(h.repliesTo(allowed).map((n) => n.notice.body)).toEqual([
      "Syncing this room's items with the tracker; the result follows.",
      "No tracker is configured for this room's meetings.",
    ]);
  });

  it("reports a sync that throws as a problem", async () => {
    const h = new Harness({ sync: () => Promise.reject(new Error("tracker down")) });
    const event = await h.say(CHAIR, "!sync");
    await h.bot.idle();
    expect(h.repliesTo(event).map((n) => n.notice.body)).toContain("- failed: tracker down");
  });
});

describe("edits, redactions, replies and threads", () => {
  it("applies an edit of an item's text", async () => {
    const h = new Harness();
    await h.start();
    const info = await h.say(MEMBER, "!info glibc is rebiult");
    await h.handle(h.tl.edit(MEMBER, info, "!info glibc is rebuilt"));
    await h.say(CHAIR, "!endmeeting");
    expect(h.items().map((i) => i.text)).toEqual(["glibc is rebuilt"]);
    expect(h.repliesTo(info)).toEqual([]);
  });

  it("ignores an edit that turns chat into a command, and says so", async () => {
    const h = new Harness();
    await h.start();
    const chat = await h.say(MEMBER, "we agreed to ship");
    const mark = h.mark();
    const edit = await h.handle(h.tl.edit(MEMBER, chat, "!info we agreed to ship"));
    const [notice, ...rest] = h.since(mark);
    expect(rest).toEqual([]);
    expect(notice?.notice.body).toMatch(/^That edit does not change the minutes/);
    expect(notice?.notice.replyTo).toBe(chat.event_id);
    expect(notice?.notice.mentions).toEqual({ userIds: [MEMBER] });
    expect(h.port.reactionsOn(edit.event_id)).toEqual([]);
    // An edit of chat that stays chat is applied quietly; someone else's edit is ignored quietly.
    await h.handle(h.tl.edit(MEMBER, chat, "we agreed to ship it"));
    await h.handle(h.tl.edit(GUEST, chat, "!info hijacked"));
    expect(h.since(mark)).toHaveLength(1);
    await h.say(CHAIR, "!endmeeting");
    expect(h.items()).toEqual([]);
    const log = readFileSync(`${reimport(h.minutesDir).stem}.log.txt`, "utf8");
    expect(log).toContain(`<${MEMBER}> we agreed to ship it\n`);
    expect(log).not.toContain("hijacked");
  });

  it("says so in the thread when an ignored edit is of a thread message", async () => {
    const h = new Harness();
    await h.start();
    const root = await h.say(GUEST, "a thread");
    const chat = await h.handle(h.tl.thread(MEMBER, root, "some chat"));
    const mark = h.mark();
    await h.handle(h.tl.edit(MEMBER, chat, "!info some chat"));
    const [notice] = h.since(mark);
    expect(notice?.notice.body).toMatch(/^That edit does not change the minutes/);
    expect(notice?.notice.threadRoot).toBe(root.event_id);
  });

  it("ignores an edit of a command that runs the meeting, and says so", async () => {
    const h = new Harness();
    await h.start();
    const chair = await h.say(CHAIR, "!chair @member:test");
    const mark = h.mark();
    await h.handle(h.tl.edit(CHAIR, chair, "!chair @guest:test"));
    expect(h.bodies(mark)).toHaveLength(1);
    expect(h.bodies(mark)[0]).toMatch(/^That edit does not change the minutes/);
    const info = await h.say(CHAIR, "!info x");
    await h.handle(h.tl.edit(CHAIR, info, "!info x\n!endmeeting"));
    expect(h.running()).toBe(true);
    await h.say(CHAIR, "!endmeeting");
    expect(expectSameMinutes(h.minutesDir).chairs).toEqual([CHAIR, PL, MEMBER]);
  });

  it("removes a redacted message's lines; a redacted !startmeeting stays", async () => {
    const h = new Harness();
    const start = await h.start();
    const secret = await h.say(GUEST, "my password is hunter2\n!info oops");
    await h.handle(h.tl.redaction(GUEST, secret));
    await h.handle(h.tl.redaction(CHAIR, start, "v10"));
    expect(h.running()).toBe(true);
    await h.say(MEMBER, "!info after");
    await h.say(CHAIR, "!endmeeting");
    expect(h.items().map((i) => i.text)).toEqual(["after"]);
    const log = readFileSync(`${reimport(h.minutesDir).stem}.log.txt`, "utf8");
    expect(log).not.toContain("hunter2");
    expect(log).toContain("!startmeeting SIG weekly");
    expectSameMinutes(h.minutesDir);
  });

  it("ignores redactions and edits outside a meeting", async () => {
    const h = new Harness();
    const chat = await h.say(MEMBER, "before");
    await h.handle(h.tl.redaction(MEMBER, chat));
    await h.handle(h.tl.edit(MEMBER, chat, "!info now"));
    expect(h.port.notices).toEqual([]);
    expect(h.store.bot.live.rooms()).toEqual([]);
  });

  it("logs a reply without its legacy fallback; a quoted command is not a command", async () => {
    const h = new Harness();
    await h.start();
    const agreed = await h.say(CHAIR, "!agreed we ship it\n!info second line");
    const reply = await h.handle(h.tl.reply(GUEST, agreed, "!idea ship it on Tuesday"));
    expect(h.reactionsOn(reply)).toEqual(["💭"]);
    await h.say(CHAIR, "!endmeeting");
    expect(h.items().map((i) => [i.kind, i.nick])).toEqual([
      ["agreed", CHAIR],
      ["info", CHAIR],
      ["idea", GUEST],
    ]);
    const log = readFileSync(`${reimport(h.minutesDir).stem}.log.txt`, "utf8");
    expect(log).toContain(`<${GUEST}> !idea ship it on Tuesday\n`);
    expect(log).not.toContain(`> <${CHAIR}>`);
    expectSameMinutes(h.minutesDir);
  });

  it("answers into the thread a command came from", async () => {
    const h = new Harness();
    const root = await h.say(GUEST, "a thread about the meeting");
    const help = await h.handle(h.tl.thread(GUEST, root, "!help"));
    const [answer] = h.repliesTo(help);
    expect(answer?.notice.threadRoot).toBe(root.event_id);
    expect(answer?.content["m.relates_to"]).toEqual({
      rel_type: "m.thread",
      event_id: root.event_id,
      is_falling_back: false,
      "m.in_reply_to": { event_id: help.event_id },
    });
    await h.start();
    const refused = await h.handle(h.tl.thread(MEMBER, root, "!agreed in a thread"));
    expect(h.repliesTo(refused)[0]?.content["m.relates_to"]).toMatchObject({
      rel_type: "m.thread",
      event_id: root.event_id,
    });
    const idea = await h.handle(h.tl.thread(MEMBER, root, "!idea threads count"));
    expect(h.reactionsOn(idea)).toEqual(["💭"]);
    await h.say(CHAIR, "!endmeeting");
    expect(h.items().map((i) => i.text)).toEqual(["threads count"]);
  });

  it("does not log emotes, and takes no commands from notices", async () => {
    const h = new Harness();
    await h.start();
    const emote = await h.handle(h.tl.emote(MEMBER, "!info waves"));
    const notice = await h.handle(h.tl.notice(MEMBER, "!info from a notice"));
    expect(h.reactionsOn(emote)).toEqual([]);
    expect(h.reactionsOn(notice)).toEqual([]);
    await h.say(CHAIR, "!endmeeting");
    const log = readFileSync(`${reimport(h.minutesDir).stem}.log.txt`, "utf8");
    expect(log).not.toContain("waves");
    expectSameMinutes(h.minutesDir);
  });
});

describe("the end of a meeting", () => {
  it("writes six files, stores the meeting, posts the end notice and forgets the live rows", async () => {
    const h = new Harness();
    await h.start();
    await h.say(CHAIR, "!topic Builds");
    await h.say(MEMBER, "!action @member:test to rebuild glibc");
    await h.say(CHAIR, "!agreed ship F44 with glibc 2.43");
    const mark = h.mark();
    const end = await h.say(CHAIR, "!endmeeting");
    expect(h.reactionsOn(end)).toEqual(["✅"]);

    const stem = "sig_matrix_hs-test/2026-01-15/sig-weekly.2026-01-15-14.00";
    expect(h.files()).toEqual(
      [".html", ".json", ".log.html", ".log.txt", ".md", ".txt"].map((e) => stem + e).sort(),
    );
    expect(h.items()).toEqual([
      { kind: "topic", text: "Builds", nick: CHAIR },
      { kind: "action", text: "@member:test to rebuild glibc", nick: MEMBER },
      { kind: "agreed", text: "ship F44 with glibc 2.43", nick: CHAIR },
    ]);
    expect(h.store.listItems({ kind: "action" })[0]?.owners).toEqual(["@member:test"]);

    const [notice, ...rest] = h.since(mark);
    expect(rest).toEqual([]);
    const time = new Date(end.origin_server_ts).toISOString().slice(11, 19);
    const url = `${LOG_URL_BASE}/${stem}`;
    expect(notice?.notice.body).toBe(
      [
        `Meeting ended at 2026-01-15 ${time} UTC. Minutes (${url}.html) · text (${url}.txt) · log (${url}.log.html)`,
        "Action items",
        "- @\u200Dmember:test to rebuild glibc (@\u200Dmember:test)",
        "Decisions",
        "- AGREED: ship F44 with glibc 2.43",
      ].join("\n\n"),
    );
    expect(html(notice)).toContain(`<a href="${url}.html">Minutes</a>`);
    expect(notice?.notice.mentions).toEqual({});

    expect(h.store.bot.live.rooms()).toEqual([]);
    expect(h.store.bot.values.get(`meeting:${ROOM}`)).toBeUndefined();
    expect(h.running()).toBe(false);
    // The sync after the meeting ran (no tracker takes the room: nothing said).
    await h.bot.idle();
    expect(h.syncCalls).toEqual([
      { channel: ALIAS, meetings: [{ name: "SIG weekly", startedAt: "2026-01-15T14:00:05Z" }] },
    ]);
    expect(h.since(mark)).toHaveLength(1);
    // A new meeting can start.
    const next = await h.start("Next");
    expect(h.reactionsOn(next)).toEqual(["✅"]);
  });

  it("posts the issue links after the meeting's sync", async () => {
    const h = new Harness({
      sync: () => Promise.resolve({ report: ["done"], problems: ["x: boom"] }),
    });
    await h.start();
    await h.say(CHAIR, "!action @member:test to rebuild glibc");
    const end = await h.say(CHAIR, "!endmeeting");
    await h.bot.idle();
    const last = h.port.notices.at(-1);
    expect(last?.notice.body).toBe("Sync problems (retried at the next sync):\n\n- x: boom");
    expect(last?.notice.mentions).toEqual({});
    expect(h.repliesTo(end)).toEqual([]);
  });

  it("publishes minutes that the re-imported log folds to exactly (chairs line, !chair, !undo, edit, redaction)", async () => {
    const h = new Harness();
    await h.start("SIG weekly");
    await h.say(PL, "#topic Builds"); // PL is a chair by the start notice's `Current chairs:` line
    await h.say(MEMBER, "!info glibc rebuilt");
    const typo = await h.say(MEMBER, "!info typo heer");
    await h.handle(h.tl.edit(MEMBER, typo, "!info typo here"));
    const secret = await h.say(GUEST, "my password is hunter2");
    await h.handle(h.tl.redaction(GUEST, secret));
    await h.say(CHAIR, "!chair @member:test");
    await h.say(MEMBER, "!agreed we ship it");
    await h.say(PL, "!action @member:test to file the bug");
    await h.say(PL, "!idea oops");
    await h.say(CHAIR, "!undo");
    await h.say(MEMBER, "Current chairs: @guest:test");
    await h.say(CHAIR, "!meetingname SIG weekly renamed\n!meetingtopic A better title");
    await h.say(GUEST, "!nick @absent:test");
    await h.say(GUEST, "!rejected guests are no chairs");
    await h.say(GUEST, "first line\n\n  indented\tline  ");
    const root = await h.say(GUEST, "a thread");
    await h.handle(h.tl.thread(GUEST, root, "!link https://example.org/x docs"));
    await h.handle(h.tl.reply(GUEST, typo, "!help with the review"));
    await h.say(CHAIR, "!endmeeting");

    const meeting = expectSameMinutes(h.minutesDir);
    expect(meeting.chairs).toEqual([CHAIR, PL, MEMBER]);
    expect(meeting.items.map((i) => [i.kind, i.text, i.nick])).toEqual([
      ["topic", "Builds", PL],
      ["info", "glibc rebuilt", MEMBER],
      ["info", "typo here", MEMBER],
      ["agreed", "we ship it", MEMBER],
      ["action", "@member:test to file the bug", PL],
      ["link", "https://example.org/x docs", GUEST],
      ["help", "with the review", GUEST],
    ]);
    expect(meeting.lines.some((l) => l.text.includes("hunter2"))).toBe(false);
    expect(meeting.lines.some((l) => l.nick === BOT && l.text === SIGMEET_LOG_MARKER)).toBe(true);
  });

  it("re-imports a meeting started without a name in a named room to the same minutes", async () => {
    const h = new Harness();
    await h.say(CHAIR, "!startmeeting");
    await h.say(CHAIR, "!info named after the room");
    await h.say(CHAIR, "!endmeeting");
    expect(h.files()[0]).toMatch(/\/sig-room\.2026-01-15-14\.00\./);
    expect(reimport(h.minutesDir).meeting.name).toBe(ROOM_NAME);
    expectSameMinutes(h.minutesDir);
  });

  it("re-imports the meeting of a room without an alias to the same channel", async () => {
    const { alias: _alias, ...noAlias } = ROOM_SETUP;
    const h = new Harness({ room: noAlias });
    await h.start();
    await h.say(CHAIR, "!info in a room without alias");
    await h.say(CHAIR, "!endmeeting");
    expect(h.store.listItems()[0]?.channel).toBe(ROOM);
    expect(reimport(h.minutesDir).meeting.channel).toBe(ROOM);
  });

  it("re-imports a meeting whose start message carries a long agenda", async () => {
    const h = new Harness();
    const agenda = Array.from({ length: 45 }, (_, i) => `!info agenda point ${String(i + 1)}`);
    await h.say(CHAIR, ["!startmeeting Long agenda", ...agenda].join("\n"));
    await h.say(PL, "!topic First");
    await h.say(CHAIR, "!endmeeting");
    const meeting = expectSameMinutes(h.minutesDir);
    expect(meeting.items).toHaveLength(46);
  });

  it("re-imports to the same minutes when a moderator redacted the start notice", async () => {
    const h = new Harness();
    await h.start();
    const startNotice = h.port.notices[0]!;
    await h.handle(h.tl.redaction(CHAIR, startNotice.eventId));
    await h.say(PL, "!topic still a chair");
    await h.say(CHAIR, "!endmeeting");
    expectSameMinutes(h.minutesDir);
    expect(h.items().map((i) => i.text)).toEqual(["still a chair"]);
  });

  it("re-imports to the same minutes when someone pasted a whitespace-collapsed log", async () => {
    const h = new Harness();
    await h.start();
    const pasted = Array.from(
      { length: 80 },
      (_, i) =>
        `2026-01-08 14:${String(10 + (i % 40)).padStart(2, "0")}:00 <@bot:test> Current chairs: @evil:test`,
    ).join(" ");
    await h.say(GUEST, `last week's log, as the web page shows it: ${pasted}`);
    await h.say(PL, "!topic After the paste");
    await h.say(CHAIR, "!endmeeting");
    const meeting = expectSameMinutes(h.minutesDir);
    expect(meeting.chairs).toEqual([CHAIR, PL]);
  });

  it("never lets user text become HTML or a mention in the end notice", async () => {
    const h = new Harness();
    await h.start();
    await h.say(MEMBER, "!info <b>x</b> @room");
    await h.say(MEMBER, "!action <b>bold</b> *em* [link](https://evil.test) @room");
    await h.say(CHAIR, "!agreed <img src=x onerror=alert(1)> @room");
    const mark = h.mark();
    await h.say(CHAIR, "!endmeeting");
    const [end] = h.since(mark);
    const endHtml = html(end);
    expect(endHtml).not.toMatch(/<b>|<img|<em>|href="https:\/\/evil/);
    expect(endHtml).toContain("@\u200Droom");
    expect(endHtml).not.toMatch(/@room/);
    expect(end?.notice.body).toContain("<b>bold</b> *em* [link](https://evil.test) @\u200Droom");
    expect(end?.notice.mentions).toEqual({});
    expect(end?.content["m.mentions"]).toEqual({});
  });
});

describe("nothing lost, nothing done twice", () => {
  it("fails the sync batch (RetryBatch) when the store cannot keep an event, and acknowledges nothing", async () => {
    const h = new Harness();
    await h.start();
    const reactions = h.port.reactions.length;
    h.store.close();
    await expect(h.bot.handle(ROOM, h.tl.message(MEMBER, "!info lost?"))).rejects.toBeInstanceOf(
      RetryBatch,
    );
    expect(h.port.reactions).toHaveLength(reactions);
  });

  async function replaySendsNothing(h: Harness, event: MatrixEvent): Promise<void> {
    const notices = h.port.notices.length;
    const reactions = h.port.reactions.length;
    const attempts = h.port.attempts.length;
    await h.handle(event);
    expect(h.bodies(notices)).toEqual([]);
    expect(h.port.reactions.length).toBe(reactions);
    expect(h.port.attempts.length).toBe(attempts);
  }

  it("sends nothing new for a replayed message, refusal, answer or chair change", async () => {
    const h = new Harness();
    await h.start();
    const events = [
      await h.say(MEMBER, "!info one\n!action two"),
      await h.say(MEMBER, "!agreed not a chair"),
      await h.say(MEMBER, "!help"),
      await h.say(CHAIR, "!chair @guest:test"),
      await h.say(CHAIR, "!meetingname renamed"),
    ];
    for (const event of events) await replaySendsNothing(h, event);
    // The last event again, with no other event in between.
    const last = await h.say(MEMBER, "!idea last");
    await replaySendsNothing(h, last);
    await h.say(CHAIR, "!endmeeting");
    expect(h.items().map((i) => i.text)).toEqual(["one", "two", "last"]);
  });

  it("sends nothing new for a replayed !startmeeting", async () => {
    const h = new Harness();
    const start = await h.start();
    await replaySendsNothing(h, start);
  });

  it("sends nothing new for a replayed !endmeeting", async () => {
    const h = new Harness();
    await h.start();
    const end = await h.say(CHAIR, "!endmeeting");
    await replaySendsNothing(h, end);
  });

  it("sends nothing new for a replayed refused start or no-meeting notice", async () => {
    const h = new Harness();
    await replaySendsNothing(h, await h.say(MEMBER, "!startmeeting refused"));
    await replaySendsNothing(h, await h.say(MEMBER, "!topic no meeting"));
    await replaySendsNothing(h, await h.say(MEMBER, "!help"));
  });

  it("carries a meeting on after a restart on the same store", async () => {
    const dir = tempDir();
    const storePath = join(dir, "bot.db");
    const first = new Harness({ storePath });
    await first.start();
    await first.say(PL, "!topic Before the restart");
    const info = await first.say(MEMBER, "!info said before");
    await first.say(CHAIR, "!chair @guest:test");
    first.store.close();

    const second = new Harness({ storePath, port: first.port, minutesDir: first.minutesDir });
    await second.bot.restore();
    expect(second.logs).toEqual([
      expect.stringMatching(
        new RegExp(`^bot: meeting 'SIG weekly' in ${ROOM} goes on \\(\\d+ lines\\)$`),
      ),
    ]);
    // The restored meeting knows its chairs, its events (an edit finds its target) and its name.
    await second.handle(second.tl.edit(MEMBER, info, "!info said before the restart"));
    const topic = await second.say(GUEST, "!topic After the restart");
    expect(second.reactionsOn(topic)).toEqual(["✅"]);
    const again = await second.say(PL, "!startmeeting Again");
    expect(second.repliesTo(again).map((n) => n.notice.body)).toEqual([
      "A meeting is already in progress: SIG weekly.",
    ]);
    await second.say(CHAIR, "!endmeeting");
    expect(second.items().map((i) => i.text)).toEqual([
      "Before the restart",
      "said before the restart",
      "After the restart",
    ]);
    expectSameMinutes(second.minutesDir);
    second.store.close();
  });

  it("publishes at restore a meeting that had ended but was not published before a crash", async () => {
    const dir = tempDir();
    const storePath = join(dir, "bot.db");
    const first = new Harness({ storePath });
    await first.start();
    await first.say(MEMBER, "!action @member:test to check the restore");
    // The process dies at the ✅ of `!endmeeting`: the event is stored, nothing else happened.
    first.port.hangNext({ deliver: false });
    const end = first.tl.message(CHAIR, "!endmeeting");
    void first.bot.handle(ROOM, end);
    await new Promise((done) => setTimeout(done, 10));
    expect(first.files()).toEqual([]);
    first.store.close();

    const second = new Harness({ storePath, port: first.port, minutesDir: first.minutesDir });
    const mark = second.mark();
    await second.bot.restore();
    expect(second.files().filter((f) => f.endsWith(".log.txt"))).toHaveLength(1);
    expect(second.items().map((i) => i.text)).toEqual(["@member:test to check the restore"]);
    expect(second.bodies(mark)).toHaveLength(1);
    expect(second.bodies(mark)[0]).toMatch(/^Meeting ended at /);
    expect(second.store.bot.live.rooms()).toEqual([]);
    expectSameMinutes(second.minutesDir);
    // The meeting's tracker sync runs once (not once queued by the finish, again by resume).
    await second.bot.idle();
    expect(second.syncCalls).toHaveLength(1);
    second.store.close();
  });

  it("says nothing more when the !endmeeting interrupted by a crash is handled again after restore", async () => {
    const dir = tempDir();
    const storePath = join(dir, "bot.db");
    const first = new Harness({ storePath });
    await first.start();
    first.port.hangNext({ deliver: false });
    const end = first.tl.message(CHAIR, "!endmeeting");
    void first.bot.handle(ROOM, end);
    await new Promise((done) => setTimeout(done, 10));
    first.store.close();

    const second = new Harness({ storePath, port: first.port, minutesDir: first.minutesDir });
    await second.bot.restore();
    const mark = second.mark();
    // The port hands the event over again: it was never marked as seen.
    await second.handle(end);
    expect(second.bodies(mark)).toEqual([]);
    second.store.close();
  });

  it("posts the end notice once when a crash came between sending it and recording it", async () => {
    const dir = tempDir();
    const storePath = join(dir, "bot.db");
    const first = new Harness({ storePath });
    await first.start();
    first.port.hangNext({
      deliver: true,
      match: (send) => send.kind === "notice" && send.body.startsWith("Meeting ended"),
    });
    const end = first.tl.message(CHAIR, "!endmeeting");
    void first.bot.handle(ROOM, end);
    await new Promise((done) => setTimeout(done, 10));
    expect(first.bodies().filter((b) => b.startsWith("Meeting ended"))).toHaveLength(1);
    first.store.close();

    const second = new Harness({ storePath, port: first.port, minutesDir: first.minutesDir });
    await second.bot.restore();
    await second.handle(end);
    expect(second.bodies().filter((b) => b.startsWith("Meeting ended"))).toHaveLength(1);
    second.store.close();
  });

  it("sends the start notice after a crash right after storing the !startmeeting", async () => {
    const dir = tempDir();
    const storePath = join(dir, "bot.db");
    const first = new Harness({ storePath });
    first.port.hangNext({ deliver: false }); // the ✅: nothing was sent
    const start = first.tl.message(CHAIR, "!startmeeting Crashed");
    void first.bot.handle(ROOM, start);
    await new Promise((done) => setTimeout(done, 10));
    expect(first.port.notices).toEqual([]);
    first.store.close();

    const second = new Harness({ storePath, port: first.port, minutesDir: first.minutesDir });
    await second.bot.restore();
    await second.handle(start);
    expect(second.bodies().map((b) => b.split("\n")[0])).toEqual([
      expect.stringMatching(/^Meeting started at /),
      "No open action items from earlier meetings.",
    ]);
    expect(second.reactionsOn(start)).toEqual(["✅"]);
    second.store.close();
  });

  it("retries a send the homeserver failed with 500, with the same transaction id", async () => {
    const h = new Harness();
    await h.start();
    h.port.failNext(3, { statusCode: 500 });
    const info = await h.say(MEMBER, "!info retried");
    expect(h.reactionsOn(info)).toEqual(["✏️"]);
    const tries = h.port.attempts.filter((a) => a.kind === "reaction" && a.body === "✏️");
    expect(tries.map((a) => a.outcome)).toEqual(["failed", "failed", "failed", "sent"]);
    expect(new Set(tries.map((a) => a.txnId)).size).toBe(1);
    expect(h.sleeps).toEqual([1000, 2000, 4000]);
    await replaySendsNothing(h, info);
  });

  it("gives up after four failures, and logs it", async () => {
    const h = new Harness();
    await h.start();
    h.port.failNext(4, { statusCode: 502, body: { error: "bad gateway" } });
    const info = await h.say(MEMBER, "!info lost");
    expect(h.reactionsOn(info)).toEqual([]);
    expect(h.logs.at(-1)).toContain(`matrix: could not send ${info.event_id}:ack:✏️ in ${ROOM}`);
  });

  it("takes M_DUPLICATE_ANNOTATION as done and does not retry other 4xx", async () => {
    const h = new Harness();
    await h.start();
    h.port.failNext(1, { errcode: "M_DUPLICATE_ANNOTATION", statusCode: 400 });
    const info = await h.say(MEMBER, "!info once");
    expect(h.port.attempts.filter((a) => a.body === "✏️").map((a) => a.outcome)).toEqual([
      "failed",
    ]);
    await replaySendsNothing(h, info);
    expect(h.sleeps).toEqual([]);

    h.port.failNext(1, { errcode: "M_FORBIDDEN", statusCode: 403 });
    const idea = await h.say(MEMBER, "!idea forbidden");
    expect(h.port.attempts.filter((a) => a.body === "💭").map((a) => a.outcome)).toEqual([
      "failed",
    ]);
    expect(h.reactionsOn(idea)).toEqual([]);
    expect(h.sleeps).toEqual([]);
  });
});

describe("rooms and invites", () => {
  it("joins the configured rooms and accepts invites to them only", async () => {
    const h = new Harness();
    await h.bot.joinRooms();
    expect(h.port.joined).toEqual([ROOM]);
    expect(await h.bot.allowInvite({ roomId: ROOM, inviter: CHAIR })).toBe(true);
    expect(await h.bot.allowInvite({ roomId: "!other:test", inviter: CHAIR })).toBe(false);
  });

  it("names the meeting's channel after the room's canonical alias, read again when it changes", async () => {
    const h = new Harness();
    await h.say(CHAIR, "!actions");
    const reads = h.port.stateReads.get(ROOM) ?? 0;
    await h.say(CHAIR, "!actions");
    expect(h.port.stateReads.get(ROOM)).toBe(reads); // remembered
    const alias = h.tl.state("m.room.canonical_alias", CHAIR, { alias: "#renamed:hs.test" });
    h.port.setState(ROOM, alias);
    await h.handle(alias);
    await h.start();
    await h.say(CHAIR, "!action @chair:test to move");
    await h.say(CHAIR, "!endmeeting");
    expect(h.store.listItems()[0]?.channel).toBe("#renamed:hs.test");
    expect(h.files()[0]).toMatch(/^renamed_matrix_hs-test\//);
  });
});
