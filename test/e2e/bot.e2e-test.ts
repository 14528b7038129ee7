import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadMeetingsFromBytes } from "../../src/app/load-meetings.ts";
import { EXTENSION, MINUTES_FORMATS, renderMeeting } from "../../src/app/render-meeting.ts";
import { ConfigSchema } from "../../src/config/schema.ts";
import { aliasMap } from "../../src/core/owners.ts";
import { SIGMEET_LOG_MARKER } from "../../src/core/sigmeet-log.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { ItemRow } from "../../src/store/types.ts";
import { GitHubFake } from "../fakes/github-fake.ts";
import { serveFetch, type Served } from "../fakes/serve-fetch.ts";
import { sigmeet } from "../cli/run-cli.ts";
import {
  aliasName,
  bodyOf,
  botConfig,
  listFiles,
  logLines,
  meetingRoom,
  mentionsOf,
  reactionOf,
  removeDirs,
  replyTarget,
  RoomView,
  runBot,
  spawnBot,
  stampOf,
  tempDir,
  type TestBot,
  waitFor,
} from "./bot-harness.ts";
import {
  checkSynapse,
  editMessage,
  getEvent,
  getStateEvent,
  invite,
  joinRoom,
  type MatrixUser,
  readSynapseInfo,
  redact,
  registerUser,
  sendMessage,
  setUserPowerLevel,
} from "./synapse.ts";

/**
 * The meeting bot (`startBot`, in process) against the real Synapse: whole meetings from the
 * first `!startmeeting` to the published files, refusals, edits and redactions, a restart in the
 * middle of a meeting (stopped, and `sigmeet run` killed with SIGKILL), a first start in a room
 * full of old commands, room version 12, the follow-up commands, and the tracker sync after a
 * meeting. Every test registers its own users and rooms and runs its own bot on its own SQLite
 * file. Under Synapse's stock rate limit: bot-rate-limit.stock-e2e-test.ts.
 */

const info = readSynapseInfo();
/** Bots started by the current test; stopped after it whatever happened. */
const bots: TestBot[] = [];

beforeAll(async () => {
  await checkSynapse();
});

afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
});

afterAll(() => {
  removeDirs();
});

/** Registers one fresh user per name, e.g. `const [chair, bot] = await users("chair", "bot")`. */
async function users<const N extends readonly string[]>(
  ...names: N
): Promise<{ -readonly [K in keyof N]: MatrixUser }> {
  return (await Promise.all(names.map((n) => registerUser(n)))) as {
    -readonly [K in keyof N]: MatrixUser;
  };
}

async function start(options: Parameters<typeof runBot>[0]): Promise<TestBot> {
  const bot = await runBot(options);
  bots.push(bot);
  return bot;
}

/**
 * A fresh meeting room of `chair` with `others` and the bot, a bot configured for it running (its
 * files under a temporary directory), and a view of the room once the bot has joined.
 */
async function roomWithBot(chair: MatrixUser, others: readonly MatrixUser[], botUser: MatrixUser) {
  const { roomId } = await meetingRoom(chair, others, botUser);
  const dir = tempDir();
  const config = botConfig(dir, [roomId]);
  const bot = await start({ config, bot: botUser });
  const view = new RoomView(chair, roomId, botUser.userId, () => bot.logs);
  await view.joined(botUser.userId);
  return { roomId, dir, config, bot, view };
}

/** The one meeting's six files under minutesDir, by extension; fails unless there are exactly six. */
function meetingFiles(minutesDir: string, expectedStem?: string): Record<string, string> {
  const files = listFiles(minutesDir);
  expect(files, `files under ${minutesDir}`).toHaveLength(MINUTES_FORMATS.length);
  const out: Record<string, string> = {};
  for (const format of MINUTES_FORMATS) {
    const ext = EXTENSION[format];
    const file = files.find(
      (f) =>
        f.endsWith(ext) &&
        (ext !== ".txt" || !f.endsWith(".log.txt")) &&
        (ext !== ".html" || !f.endsWith(".log.html")),
    );
    expect(file, `the ${ext} file among ${files.join(", ")}`).toBeDefined();
    if (expectedStem !== undefined) expect(file).toBe(expectedStem + ext);
    out[ext] = join(minutesDir, file ?? "");
  }
  return out;
}

/** Every item of the store, without its row ids, for comparing two stores. */
function itemsOf(rows: readonly ItemRow[]): Omit<ItemRow, "id" | "meetingId">[] {
  return rows.map(({ id: _id, meetingId: _m, ...rest }) => rest);
}

describe("the meeting bot on a real Synapse", () => {
  it("runs a whole meeting: reactions, the end notice, files as `sigmeet minutes` makes them, the store", async () => {
    const [chair, member, botUser] = await users("chair", "member", "bot");
    const aliasLocal = aliasName("sigmeet-e2e");
    const { roomId, alias } = await meetingRoom(chair, [member], botUser, {
      alias: aliasLocal,
      name: "Sigmeet E2E",
    });
    const dir = tempDir();
    const config = botConfig(dir, [alias ?? ""]);
    const bot = await start({ config, bot: botUser });
    const view = new RoomView(chair, roomId, botUser.userId, () => bot.logs);
    await view.joined(botUser.userId);

    const startId = await sendMessage(chair, roomId, "!startmeeting E2E Weekly");
    const startEvent = await getEvent(chair, roomId, startId);
    const at = stampOf(startEvent.origin_server_ts);
    await view.reaction(startId, "✅");
    const startNotice = await view.notice(/^Meeting started at /);
    expect(bodyOf(startNotice).split("\n")).toEqual([
      `Meeting started at ${at.date} ${at.time} UTC`,
      "The Meeting name is 'E2E Weekly'",
      SIGMEET_LOG_MARKER,
      `Current chairs: ${chair.userId}`,
    ]);
    const review = await view.reply(startId, "No open action items from earlier meetings.");
    expect(review.content["msgtype"]).toBe("m.notice");

    // Sent back to back: the bot takes them in timeline order.
    const sent: { id: string; key: string | null }[] = [];
    const say = async (user: MatrixUser, body: string, key: string | null): Promise<string> => {
      const id = await sendMessage(user, roomId, body);
      sent.push({ id, key });
      return id;
    };
    await say(chair, "!topic Roadmap", "✅");
    await say(chair, "!info the release is on track", "✏️");
    await say(member, "I think so too", null);
    await say(chair, `!action ${member.userId} to write the docs`, "🚩");
    await say(chair, "!agreed ship it on Friday", "👍");
    await say(member, "!idea a faster build", "💭");
    await say(member, "!help need a reviewer", "🛟");
    await say(chair, "!link https://example.org/notes the notes", "🔗");
    await say(member, `!action ${chair.userId} to announce the release`, "🚩");
    await say(chair, "!topic Open floor", "✅");
    const endId = await say(chair, "!endmeeting", "✅");
    const endEvent = await getEvent(chair, roomId, endId);
    const end = stampOf(endEvent.origin_server_ts);

    const endNotice = await view.notice(/^Meeting ended at /);
    const stem = `${aliasLocal}_matrix_${info.serverName}/${at.date}/e2e-weekly.${at.date}-${at.hhmm}`;
    const endBody = bodyOf(endNotice);
    expect(endBody).toContain(`Meeting ended at ${end.date} ${end.time} UTC.`);
    expect(endBody).toContain(`${config.logUrlBase}/${stem}.html`);
    expect(endBody).toContain(`${config.logUrlBase}/${stem}.log.html`);
    expect(endBody).toMatch(/Action items\n\n- .*to write the docs.*\n- .*to announce the release/);
    expect(endBody).toContain("Decisions\n\n- AGREED: ship it on Friday");

    // Every command got its reaction, exactly one; chat got none.
    await bot.stop();
    const events = await view.events();
    for (const { id, key } of sent)
      expect(RoomView.reactions(events, botUser.userId, id), `reactions on ${id}`).toEqual(
        key === null ? [] : [key],
      );
    expect(RoomView.reactions(events, botUser.userId, startId)).toEqual(["✅"]);
    expect(RoomView.notices(events, botUser.userId).map((e) => bodyOf(e).split("\n")[0])).toEqual([
      `Meeting started at ${at.date} ${at.time} UTC`,
      "No open action items from earlier meetings.",
      `Meeting ended at ${end.date} ${end.time} UTC. Minutes (${config.logUrlBase}/${stem}.html) · text (${config.logUrlBase}/${stem}.txt) · log (${config.logUrlBase}/${stem}.log.html)`,
    ]);

    // The six files, where Fedora keeps them, each equal to what `sigmeet minutes` makes of the log.
    const minutesDir = config.matrix?.minutesDir ?? "";
    const files = meetingFiles(minutesDir, stem);
    const logPath = files[".log.txt"] ?? "";
    const logBytes = readFileSync(logPath);
    const loaded = loadMeetingsFromBytes(logBytes, logPath, { bots: config.bots });
    expect(loaded.issues).toEqual([]);
    expect(loaded.meetings).toHaveLength(1);
    const imported = loaded.meetings[0];
    if (imported === undefined) throw new Error("no meeting in the log");
    const ctx = { aliases: aliasMap(config.identities), logUrlBase: config.logUrlBase };
    for (const format of MINUTES_FORMATS)
      expect(
        renderMeeting(imported, format, ctx),
        `${EXTENSION[format]} as rendered from the log`,
      ).toBe(readFileSync(files[EXTENSION[format]] ?? "", "utf8"));
    // The real CLI, in a directory without a config file, agrees byte for byte.
    const cliOut = join(dir, "cli");
    const cli = sigmeet(["minutes", "--format", "all", "--out", cliOut, logPath], { cwd: dir });
    expect(cli.status, cli.stderr).toBe(0);
    expect(listFiles(cliOut)).toEqual(listFiles(minutesDir));
    for (const file of listFiles(minutesDir))
      expect(
        readFileSync(join(cliOut, file)).equals(readFileSync(join(minutesDir, file))),
        file,
      ).toBe(true);

    // The log: every message of the meeting once, the bot's start notice with the marker.
    const lines = logLines(logBytes.toString("utf8"));
    expect(lines[0]).toEqual({ sender: chair.userId, text: "!startmeeting E2E Weekly" });
    expect(lines.at(-1)).toEqual({ sender: chair.userId, text: "!endmeeting" });
    expect(lines.filter((l) => l.text === SIGMEET_LOG_MARKER)).toEqual([
      { sender: botUser.userId, text: SIGMEET_LOG_MARKER },
    ]);
    expect(lines.filter((l) => l.text === "I think so too")).toEqual([
      { sender: member.userId, text: "I think so too" },
    ]);

    // The meeting as folded from the log: chairs and items.
    expect(imported.channel).toBe(alias);
    expect(imported.owner).toBe(chair.userId);
    expect(imported.chairs).toEqual([chair.userId]);
    const expectedItems = [
      { kind: "topic", text: "Roadmap", nick: chair.userId },
      { kind: "info", text: "the release is on track", nick: chair.userId },
      { kind: "action", text: `${member.userId} to write the docs`, nick: chair.userId },
      { kind: "agreed", text: "ship it on Friday", nick: chair.userId },
      { kind: "idea", text: "a faster build", nick: member.userId },
      { kind: "help", text: "need a reviewer", nick: member.userId },
      { kind: "link", text: "https://example.org/notes the notes", nick: chair.userId },
      { kind: "action", text: `${chair.userId} to announce the release`, nick: member.userId },
      { kind: "topic", text: "Open floor", nick: chair.userId },
    ];
    expect(imported.items.map(({ kind, text, nick }) => ({ kind, text, nick }))).toEqual(
      expectedItems,
    );

    // The bot's store has the meeting; an import of the published log gives the same rows.
    const store = openStore(config.db);
    const importDb = join(dir, "import.db");
    try {
      const rows = store.listItems({ limit: 1000 });
      expect(rows.map(({ kind, text, nick }) => ({ kind, text, nick }))).toEqual(expectedItems);
      expect(new Set(rows.map((r) => r.channel))).toEqual(new Set([alias]));
      const actions = rows.filter((r) => r.kind === "action");
      expect(actions.map((r) => r.status)).toEqual(["open", "open"]);
      expect(actions[0]?.owners.join(" ")).toContain(member.localpart);
      expect(actions[1]?.owners.join(" ")).toContain(chair.localpart);
      const importer = sigmeet(["import", "--db", importDb, minutesDir], { cwd: dir });
      expect(importer.status, importer.stderr).toBe(0);
      const copy = openStore(importDb);
      try {
        expect(itemsOf(copy.listItems({ limit: 1000 }))).toEqual(itemsOf(rows));
      } finally {
        copy.close();
      }
      // The bot stored it as an import of that very log would (same source hash).
      expect(store.hasSource(createHash("sha256").update(logBytes).digest("hex"))).toBe(true);
    } finally {
      store.close();
    }
  }, 90_000);

  it("refuses a member's chair commands: a reply, no reaction, the meeting goes on", async () => {
    const [chair, member, botUser] = await users("chair", "member", "bot");
    const { roomId, config, bot, view } = await roomWithBot(chair, [member], botUser);

    const startId = await sendMessage(chair, roomId, "!startmeeting Refusals");
    await view.notice(`Current chairs: ${chair.userId}`);
    await view.reply(startId, "No open action items");

    const topicId = await sendMessage(member, roomId, "!topic secret-topic-by-member");
    const endId = await sendMessage(member, roomId, "!endmeeting");
    for (const [id, word] of [
      [topicId, "!topic"],
      [endId, "!endmeeting"],
    ] as const) {
      const refusal = await view.reply(id, "Only this meeting's chairs can use");
      expect(bodyOf(refusal)).toBe(
        `Only this meeting's chairs can use ${word}; a chair can add you with !chair.`,
      );
      expect(mentionsOf(refusal)).toEqual([member.userId]);
    }
    // Still running: a chair's item is taken.
    const infoId = await sendMessage(chair, roomId, "!info still running");
    await view.reaction(infoId, "✏️");
    let events = await view.events();
    expect(RoomView.notices(events, botUser.userId).map(bodyOf).join("\n")).not.toContain(
      "Meeting ended",
    );

    // Promoted during the meeting: the first chair command announces them as a chair and asks
    // for it again (the log has the command before the chairs line); the second one counts.
    await setUserPowerLevel(chair, roomId, member.userId, 50);
    const earlyId = await sendMessage(member, roomId, "!agreed promoted-too-early");
    const asked = await view.reply(earlyId, "You chair this room");
    expect(bodyOf(asked)).toBe(
      "You chair this room, so you chair this meeting from now on: please send !agreed again.",
    );
    await view.notice(`Current chairs: ${chair.userId} ${member.userId}`);
    const againId = await sendMessage(member, roomId, "!agreed promoted-decision");
    await view.reaction(againId, "👍");

    const chairEnd = await sendMessage(chair, roomId, "!endmeeting");
    await view.notice(/^Meeting ended at /);
    await bot.stop();
    events = await view.events();
    expect(RoomView.reactions(events, botUser.userId, earlyId)).toEqual([]);
    expect(RoomView.reactions(events, botUser.userId, topicId)).toEqual([]);
    expect(RoomView.reactions(events, botUser.userId, endId)).toEqual([]);
    expect(RoomView.reactions(events, botUser.userId, chairEnd)).toEqual(["✅"]);
    expect(RoomView.replies(events, botUser.userId, topicId)).toHaveLength(1);
    expect(RoomView.replies(events, botUser.userId, endId)).toHaveLength(1);

    const files = meetingFiles(config.matrix?.minutesDir ?? "");
    for (const ext of [".txt", ".html", ".md", ".json"])
      expect(readFileSync(files[ext] ?? "", "utf8"), ext).not.toContain("secret-topic-by-member");
    // The log keeps what was said, refused or not.
    expect(readFileSync(files[".log.txt"] ?? "", "utf8")).toContain(
      `<${member.userId}> !topic secret-topic-by-member`,
    );
    const store = openStore(config.db);
    try {
      expect(store.listItems().map(({ kind, text }) => ({ kind, text }))).toEqual([
        { kind: "info", text: "still running" },
        { kind: "agreed", text: "promoted-decision" },
      ]);
    } finally {
      store.close();
    }
  }, 60_000);

  // A room without an alias is published under its room ID. This failed (found by this test)
  // while the directory was `-<id>_matrix_<server>`, which read back as the channel
  // `#-<id>:<server>`: other minutes titles (`<channel>: <name>`) and another meeting key.
  it("publishes a meeting of a room without an alias so that its files make the same meeting", async () => {
    const [chair, botUser] = await users("chair", "bot");
    const { roomId, dir, config, bot, view } = await roomWithBot(chair, [], botUser);
    await sendMessage(chair, roomId, "!startmeeting No alias");
    await sendMessage(chair, roomId, "!info an-item");
    await sendMessage(chair, roomId, "!endmeeting");
    await view.notice(/^Meeting ended at /);
    await bot.stop();

    const minutesDir = config.matrix?.minutesDir ?? "";
    const files = meetingFiles(minutesDir);
    const cliOut = join(dir, "cli");
    const cli = sigmeet(["minutes", "--format", "all", "--out", cliOut, files[".log.txt"] ?? ""], {
      cwd: dir,
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(listFiles(cliOut)).toEqual(listFiles(minutesDir));
    for (const file of listFiles(minutesDir))
      expect
        .soft(readFileSync(join(cliOut, file), "utf8"), file)
        .toBe(readFileSync(join(minutesDir, file), "utf8"));
    // An import of the published files (into another database: the bot's own skips a log it
    // stored, by its hash) sees the meeting in the same room.
    const importDb = join(dir, "import.db");
    const importer = sigmeet(["import", "--db", importDb, minutesDir], { cwd: dir });
    expect(importer.status, importer.stderr).toBe(0);
    const copy = openStore(importDb);
    try {
      expect(copy.stats().meetings).toBe(1);
      expect.soft(new Set(copy.listItems().map((r) => r.channel))).toEqual(new Set([roomId]));
    } finally {
      copy.close();
    }
  }, 60_000);

  it("follows edits of items and redactions; an edit cannot turn chat into a command", async () => {
    const [chair, member, botUser] = await users("chair", "member", "bot");
    const { roomId, config, bot, view } = await roomWithBot(chair, [member], botUser);
    const startId = await sendMessage(chair, roomId, "!startmeeting Edits");
    await view.reply(startId, "No open action items");

    const infoId = await sendMessage(member, roomId, "!info wrong-text");
    await view.reaction(infoId, "✏️");
    const fixId = await editMessage(member, roomId, infoId, "!info right-text");
    const secretId = await sendMessage(member, roomId, "this secret-chat-line goes away");
    await redact(member, roomId, secretId, "oops");
    const ideaId = await sendMessage(member, roomId, "!idea withdrawn-idea");
    await view.reaction(ideaId, "💭");
    // A chair takes another member's item back (moderation): the item goes with the line.
    await redact(chair, roomId, ideaId);
    const chatId = await sendMessage(member, roomId, "just chatting here");
    const sneakyId = await editMessage(member, roomId, chatId, "!action sneaky-action");
    const refusal = await view.reply(chatId, "That edit does not change the minutes");
    expect(mentionsOf(refusal)).toEqual([member.userId]);
    // Several commands in one message, and MeetBot's # prefix.
    const multiId = await sendMessage(member, roomId, "!info multi-one\n#idea multi-two");
    await view.reaction(multiId, "✏️");
    await view.reaction(multiId, "💭");
    // A reply as older clients send it: the quoted fallback is not part of the command.
    const replyId = await sendMessage(member, roomId, {
      msgtype: "m.text",
      body: `> <${chair.userId}> !startmeeting Edits\n\n!info from-a-reply`,
      "m.relates_to": { "m.in_reply_to": { event_id: startId } },
    });
    await view.reaction(replyId, "✏️");
    const endId = await sendMessage(chair, roomId, "!endmeeting");
    await view.reaction(endId, "✅");
    await view.notice(/^Meeting ended at /);
    await bot.stop();

    const events = await view.events();
    // The good edit is taken silently; the bad one is answered once; neither gets a reaction.
    expect(RoomView.replies(events, botUser.userId, infoId)).toEqual([]);
    expect(RoomView.replies(events, botUser.userId, chatId)).toHaveLength(1);
    for (const id of [fixId, sneakyId, chatId, secretId])
      expect(RoomView.reactions(events, botUser.userId, id), id).toEqual([]);

    const files = meetingFiles(config.matrix?.minutesDir ?? "");
    const minutes = readFileSync(files[".txt"] ?? "", "utf8");
    expect(minutes).toContain("INFO: right-text");
    expect(minutes).not.toContain("wrong-text");
    expect(minutes).not.toContain("sneaky-action");
    const log = readFileSync(files[".log.txt"] ?? "", "utf8");
    const texts = logLines(log).map((l) => l.text);
    expect(texts).toContain("!info right-text");
    expect(texts).toContain("just chatting here");
    expect(log).not.toContain("wrong-text");
    expect(log).not.toContain("secret-chat-line");
    expect(log).not.toContain("sneaky-action");
    expect(log).not.toContain("withdrawn-idea");
    expect(minutes).not.toContain("withdrawn-idea");
    expect(readFileSync(files[".log.html"] ?? "", "utf8")).not.toContain("secret-chat-line");
    const store = openStore(config.db);
    try {
      expect(store.listItems().map(({ kind, text }) => ({ kind, text }))).toEqual([
        { kind: "info", text: "right-text" },
        { kind: "info", text: "multi-one" },
        { kind: "idea", text: "multi-two" },
        { kind: "info", text: "from-a-reply" },
      ]);
      // Nor is the redacted line searchable.
      expect(store.search("secret-chat-line")).toEqual([]);
    } finally {
      store.close();
    }
  }, 60_000);

  it("stopped mid-meeting, catches up on the 30 messages it missed, once each", async () => {
    const [chair, member, botUser] = await users("chair", "member", "bot");
    const { roomId } = await meetingRoom(chair, [member], botUser);
    const dir = tempDir();
    const config = botConfig(dir, [roomId]);
    const logs: string[] = [];
    let bot = await start({ config, bot: botUser, logs });
    const view = new RoomView(chair, roomId, botUser.userId, () => logs);
    await view.joined(botUser.userId);
    const startId = await sendMessage(chair, roomId, "!startmeeting Restart");
    await view.reply(startId, "No open action items");
    const beforeId = await sendMessage(chair, roomId, "!info before-the-stop");
    await view.reaction(beforeId, "✏️");
    // A burst, and the stop right behind it: some of it may be in hand, some in a long-poll
    // the stop discards, some not yet fetched.
    const missed: { id: string; sender: string; text: string; key: string | null }[] = [];
    for (let i = 1; i <= 4; i++) {
      const text = `!idea racing-the-stop-${String(i)}`;
      missed.push({
        id: await sendMessage(member, roomId, text),
        sender: member.userId,
        text,
        key: "💭",
      });
    }
    await bot.stop();

    // While the bot is down: an edit and a redaction of what it saw before, then chat and items
    // from both users.
    await editMessage(chair, roomId, beforeId, "!info before-the-stop-edited");
    const racing1 = missed.shift();
    if (racing1 === undefined) throw new Error("no racing message");
    await redact(member, roomId, racing1.id);
    for (let i = 1; i <= 30; i++) {
      const [user, text, key]: [MatrixUser, string, string | null] =
        i === 15
          ? [chair, `!topic down-topic-${String(i)}`, "✅"]
          : i % 6 === 0
            ? [chair, `!info down-info-${String(i)}`, "✏️"]
            : i % 6 === 3
              ? [member, `!action ${chair.userId} down-action-${String(i)}`, "🚩"]
              : i % 6 === 1
                ? [member, `!idea down-idea-${String(i)}`, "💭"]
                : [i % 2 === 0 ? chair : member, `down-chat-${String(i)}`, null];
      missed.push({ id: await sendMessage(user, roomId, text), sender: user.userId, text, key });
    }

    bot = await start({ config, bot: botUser, logs });
    for (const m of missed) if (m.key !== null) await view.reaction(m.id, m.key);
    const endId = await sendMessage(chair, roomId, "!endmeeting");
    await view.notice(/^Meeting ended at /);
    await view.reaction(endId, "✅");
    await bot.stop();

    const events = await view.events();
    // No reaction twice, none to chat, and exactly the three notices of a meeting.
    const reactions = events
      .filter((e) => e.sender === botUser.userId)
      .map(reactionOf)
      .filter((r) => r !== undefined)
      .map((r) => `${r.target} ${r.key}`);
    expect(reactions.length, reactions.join("\n")).toBe(new Set(reactions).size);
    for (const m of missed)
      expect(RoomView.reactions(events, botUser.userId, m.id), m.text).toEqual(
        m.key === null ? [] : [m.key],
      );
    expect(RoomView.reactions(events, botUser.userId, beforeId)).toEqual(["✏️"]);
    // (Whether the redacted message got its reaction before the stop is a race; once at most.)
    expect(RoomView.reactions(events, botUser.userId, racing1.id).length).toBeLessThanOrEqual(1);
    expect(RoomView.reactions(events, botUser.userId, startId)).toEqual(["✅"]);
    const notices = RoomView.notices(events, botUser.userId).map(bodyOf);
    expect(notices, notices.join("\n---\n")).toHaveLength(3);
    expect(notices[0]).toMatch(/^Meeting started at /);
    expect(notices[1]).toBe("No open action items from earlier meetings.");
    expect(notices[2]).toMatch(/^Meeting ended at /);

    const files = meetingFiles(config.matrix?.minutesDir ?? "");
    const lines = logLines(readFileSync(files[".log.txt"] ?? "", "utf8"));
    for (const m of [
      ...missed,
      { sender: chair.userId, text: "!info before-the-stop-edited" },
      { sender: chair.userId, text: "!startmeeting Restart" },
      { sender: chair.userId, text: "!endmeeting" },
    ])
      expect(
        lines.filter((l) => l.text === m.text),
        m.text,
      ).toEqual([{ sender: m.sender, text: m.text }]);
    // In the order they were sent.
    const order = missed.map((m) => lines.findIndex((l) => l.text === m.text));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(lines.map((l) => l.text)).not.toContain("!info before-the-stop");
    expect(lines.map((l) => l.text)).not.toContain(racing1.text);
    const minutes = readFileSync(files[".txt"] ?? "", "utf8");
    for (const m of missed.filter((x) => x.key !== null))
      expect(minutes).toContain(m.text.replace(/^!\w+ /, ""));
    expect(minutes).toContain("INFO: before-the-stop-edited");
    expect(minutes).not.toContain(racing1.text.replace(/^!\w+ /, ""));
    const store = openStore(config.db);
    try {
      expect(store.listItems().length).toBe(1 + missed.filter((m) => m.key !== null).length);
    } finally {
      store.close();
    }
  }, 90_000);

  it("killed (SIGKILL) in the middle of a burst, a restarted `sigmeet run` answers each command once", async () => {
    const [chair, member, botUser] = await users("chair", "member", "bot");
    const { roomId } = await meetingRoom(chair, [member], botUser);
    const dir = tempDir();
    const config = botConfig(dir, [roomId]);
    let proc = spawnBot(dir, config, botUser);
    const stderr: string[] = [];
    try {
      const view = new RoomView(chair, roomId, botUser.userId, () => [
        ...stderr,
        ...proc.stderr().split("\n"),
      ]);
      await view.joined(botUser.userId);
      // The process logs that it runs once its /sync loop does.
      await waitFor("`sigmeet run` to be running", () =>
        Promise.resolve(
          proc.stderr().includes("is running in 1 configured room") ? true : undefined,
        ),
      );
      const startId = await sendMessage(chair, roomId, "!startmeeting Killed");
      await view.reply(startId, "No open action items");

      const commands: { id: string; text: string; key: string }[] = [];
      const burst = async (from: number, to: number): Promise<void> => {
        for (let i = from; i <= to; i++) {
          const [user, text, key] =
            i % 3 === 0
              ? [chair, `!info killed-info-${String(i)}`, "✏️"]
              : i % 3 === 1
                ? [member, `!idea killed-idea-${String(i)}`, "💭"]
                : [member, `!action ${chair.userId} killed-action-${String(i)}`, "🚩"];
          commands.push({ id: await sendMessage(user, roomId, text), text, key });
        }
      };
      await burst(1, 20);
      // Killed as soon as it has answered a few: the rest are in hand, in flight or unseen.
      await view.until("the bot's first three answers of the burst", (events) => {
        const answered = commands.filter(
          (c) => RoomView.reactions(events, botUser.userId, c.id).length > 0,
        );
        return answered.length >= 3 ? true : undefined;
      });
      await proc.kill();
      const eventsAtKill = await view.events();
      const answeredAtKill = commands.filter(
        (c) => RoomView.reactions(eventsAtKill, botUser.userId, c.id).length > 0,
      ).length;
      stderr.push(`--- killed with ${String(answeredAtKill)} of 20 answered ---`);
      stderr.push(...proc.stderr().split("\n"), "--- killed; restarted ---");
      await burst(21, 25);
      proc = spawnBot(dir, config, botUser);
      for (const c of commands) await view.reaction(c.id, c.key, 60_000);
      const endId = await sendMessage(chair, roomId, "!endmeeting");
      await view.reaction(endId, "✅");
      await view.notice(/^Meeting ended at /);

      const events = await view.events();
      for (const c of commands)
        expect(RoomView.reactions(events, botUser.userId, c.id), c.text).toEqual([c.key]);
      const notices = RoomView.notices(events, botUser.userId).map(bodyOf);
      expect(notices, notices.join("\n---\n")).toHaveLength(3);
      const files = meetingFiles(config.matrix?.minutesDir ?? "");
      const lines = logLines(readFileSync(files[".log.txt"] ?? "", "utf8"));
      for (const c of commands)
        expect(
          lines.filter((l) => l.text === c.text),
          c.text,
        ).toHaveLength(1);
      // Each of the bot's own notices is logged once too.
      expect(lines.filter((l) => l.text === SIGMEET_LOG_MARKER)).toHaveLength(1);
      expect(lines.filter((l) => l.text.startsWith("No open action items"))).toHaveLength(1);
    } finally {
      await proc.kill();
    }
  }, 90_000);

  it("on its first start, leaves the commands sent before it ran alone", async () => {
    const [chair, member, botUser] = await users("chair", "member", "bot");
    // Room A: the bot joined long ago but never ran. Room B: invited, joins when it starts.
    // Room C: configured, but the bot is invited only once it runs. Room D: not configured.
    const a = await meetingRoom(chair, [member], botUser);
    await joinRoom(botUser, a.roomId);
    const b = await meetingRoom(chair, [member], botUser);
    const c = await meetingRoom(chair, [member], null);
    const d = await meetingRoom(chair, [member], null);
    const old: string[] = [];
    for (const roomId of [a.roomId, b.roomId, c.roomId]) {
      old.push(await sendMessage(chair, roomId, "!startmeeting old"));
      old.push(await sendMessage(member, roomId, "!info x-old"));
      old.push(await sendMessage(chair, roomId, "!topic y-old"));
      old.push(await sendMessage(member, roomId, "!help"));
      old.push(await sendMessage(chair, roomId, "!actions"));
      old.push(await sendMessage(chair, roomId, "!endmeeting"));
    }
    // Origin timestamps are in milliseconds: make sure the bot starts after the last of them.
    await new Promise((r) => setTimeout(r, 50));

    const dir = tempDir();
    const config = botConfig(dir, [a.roomId, b.roomId, c.roomId]);
    const bot = await start({ config, bot: botUser });
    await invite(chair, c.roomId, botUser.userId);
    await invite(chair, d.roomId, botUser.userId);
    await waitFor(
      "the bot declining the invite to an unconfigured room",
      async () => {
        const state = await getStateEvent(chair, d.roomId, "m.room.member", botUser.userId);
        return state.content["membership"] === "leave" ? true : undefined;
      },
      20_000,
      () => bot.logs.slice(-20).join("\n"),
    );
    for (const roomId of [a.roomId, b.roomId, c.roomId]) {
      const view = new RoomView(chair, roomId, botUser.userId, () => bot.logs);
      await view.joined(botUser.userId);
      await sendMessage(chair, roomId, "hello, bot");
      const helpId = await sendMessage(member, roomId, "!help");
      const help = await view.reply(helpId, "Running a meeting");
      expect(bodyOf(help)).toContain("!startmeeting");
      const topicId = await sendMessage(chair, roomId, "!topic later");
      await view.reply(topicId, "No meeting is in progress; !startmeeting <name> starts one.");
      const events = await view.events();
      const mine = events.filter((e) => e.sender === botUser.userId && e.type !== "m.room.member");
      // Only the two answers: nothing reacts to or answers the old commands.
      expect(mine.map((e) => replyTarget(e))).toEqual([helpId, topicId]);
      for (const id of old)
        expect(
          events.filter(
            (e) => e.sender === botUser.userId && JSON.stringify(e.content).includes(id),
          ),
        ).toEqual([]);
    }
    expect(bot.store.bot.live.rooms()).toEqual([]);
    expect(listFiles(config.matrix?.minutesDir ?? "")).toEqual([]);
  }, 60_000);

  it("in a room of version 12, the creator chairs; a member at power level 0 cannot start", async () => {
    const [chair, member, botUser] = await users("chair", "member", "bot");
    const v12 = await meetingRoom(chair, [member], botUser, {
      roomVersion: "12",
      alias: aliasName("sigmeet-v12"),
    });
    const other = await meetingRoom(chair, [member], botUser, {
      roomVersion: "12",
      alias: aliasName("sigmeet-v12-other"),
    });
    // The creator of a v12 room is not in its power levels: power by the create event alone.
    const levels = await getStateEvent(chair, v12.roomId, "m.room.power_levels");
    expect(levels.content["users"]).not.toHaveProperty(chair.userId);
    // In the v12 room only, the member is made a moderator before the meeting.
    await setUserPowerLevel(chair, v12.roomId, member.userId, 50);
    const dir = tempDir();
    const config = botConfig(dir, [v12.alias ?? "", other.alias ?? ""]);
    const bot = await start({ config, bot: botUser });
    const view = new RoomView(chair, v12.roomId, botUser.userId, () => bot.logs);
    const otherView = new RoomView(chair, other.roomId, botUser.userId, () => bot.logs);
    await view.joined(botUser.userId);
    await otherView.joined(botUser.userId);

    const refusedId = await sendMessage(member, other.roomId, "!startmeeting not mine");
    const refusal = await otherView.reply(refusedId, "power level 50 or more");
    expect(bodyOf(refusal)).toBe(
      "Only members with power level 50 or more can start a meeting in this room.",
    );
    expect(mentionsOf(refusal)).toEqual([member.userId]);

    const startId = await sendMessage(chair, v12.roomId, "!startmeeting v12 meeting");
    await view.reaction(startId, "✅");
    await view.notice(`Current chairs: ${chair.userId} ${member.userId}`);
    const topicId = await sendMessage(chair, v12.roomId, "!topic v12-topic");
    await view.reaction(topicId, "✅");
    // The moderator chairs too, once the chairs line is in the timeline (it is: waited above).
    const modId = await sendMessage(member, v12.roomId, "!agreed v12-decision");
    await view.reaction(modId, "👍");
    const endId = await sendMessage(chair, v12.roomId, "!endmeeting");
    await view.reaction(endId, "✅");
    await view.notice(/^Meeting ended at /);
    await bot.stop();

    const otherEvents = await otherView.events();
    expect(RoomView.reactions(otherEvents, botUser.userId, refusedId)).toEqual([]);
    expect(RoomView.notices(otherEvents, botUser.userId).map(bodyOf)).toEqual([bodyOf(refusal)]);
    const files = meetingFiles(config.matrix?.minutesDir ?? "");
    expect(readFileSync(files[".txt"] ?? "", "utf8")).toContain("TOPIC: v12-topic");
    const log = loadMeetingsFromBytes(
      readFileSync(files[".log.txt"] ?? ""),
      files[".log.txt"] ?? "",
      {
        bots: config.bots,
      },
    );
    expect(log.meetings[0]?.chairs).toEqual([chair.userId, member.userId]);
    expect(log.meetings[0]?.items.map((i) => [i.kind, i.text, i.nick])).toEqual([
      ["topic", "v12-topic", chair.userId],
      ["agreed", "v12-decision", member.userId],
    ]);
  }, 60_000);

  // BUG (reported): matrix.rooms only takes `!id:server`, but a v12 room ID has no server part.
  it("serves a version 12 room configured by its room ID", async () => {
    const [chair, botUser] = await users("chair", "bot");
    const v12 = await meetingRoom(chair, [], botUser, { roomVersion: "12" });
    expect(v12.roomId).not.toContain(":");
    const dir = tempDir();
    const parsed = ConfigSchema.safeParse({
      db: join(dir, "bot.db"),
      matrix: {
        homeserverUrl: info.baseUrl,
        rooms: [v12.roomId],
        minutesDir: join(dir, "minutes"),
      },
    });
    expect(parsed.error?.issues ?? []).toEqual([]);
    const config = botConfig(dir, [v12.roomId]);
    const bot = await start({ config, bot: botUser });
    const view = new RoomView(chair, v12.roomId, botUser.userId, () => bot.logs);
    await view.joined(botUser.userId);
    const startId = await sendMessage(chair, v12.roomId, "!startmeeting by id");
    await view.reaction(startId, "✅");
    await sendMessage(chair, v12.roomId, "!endmeeting");
    await view.notice(/^Meeting ended at /);
    await bot.stop();
    // Published under the room ID, and read back as that room.
    const files = meetingFiles(config.matrix?.minutesDir ?? "");
    const logPath = files[".log.txt"] ?? "";
    expect(logPath).toContain(`/${v12.roomId}/`);
    const loaded = loadMeetingsFromBytes(readFileSync(logPath), logPath, { bots: config.bots });
    expect(loaded.meetings[0]?.channel).toBe(v12.roomId);
  }, 60_000);

  it("after a meeting, !actions lists its open actions and !done closes one", async () => {
    const [chair, member, botUser] = await users("chair", "member", "bot");
    const { roomId, bot, view } = await roomWithBot(chair, [member], botUser);
    const startId = await sendMessage(chair, roomId, "!startmeeting Follow up");
    await view.reply(startId, "No open action items");
    const a1 = await sendMessage(chair, roomId, `!action ${member.userId} file-the-report`);
    const a2 = await sendMessage(chair, roomId, `!action ${chair.userId} book-the-room`);
    await sendMessage(chair, roomId, "!endmeeting");
    await view.notice(/^Meeting ended at /);
    await view.reaction(a1, "🚩");
    await view.reaction(a2, "🚩");

    const open = bot.store.listItems({ kind: "action", open: true });
    expect(open.map((r) => r.text)).toEqual([
      `${member.userId} file-the-report`,
      `${chair.userId} book-the-room`,
    ]);
    const [report, room] = open;
    if (report === undefined || room === undefined) throw new Error("no actions stored");

    const listId = await sendMessage(member, roomId, "!actions");
    const list = bodyOf(await view.reply(listId, "Open action items"));
    expect(list).toMatch(new RegExp(`#${String(report.id)} .*file-the-report`));
    expect(list).toMatch(new RegExp(`#${String(room.id)} .*book-the-room`));

    const doneId = await sendMessage(member, roomId, `!done ${String(report.id)}`);
    const done = bodyOf(await view.reply(doneId, "Done:"));
    expect(done).toMatch(new RegExp(`#${String(report.id)} .*file-the-report`));
    expect(bot.store.listItems({ kind: "action", open: false }).map((r) => r.id)).toEqual([
      report.id,
    ]);
    expect(bot.store.listItems({ kind: "action", open: true }).map((r) => r.id)).toEqual([room.id]);
    const againId = await sendMessage(member, roomId, `!done ${String(report.id)}`);
    await view.reply(againId, `There is no open action item #${String(report.id)} in this room.`);

    const list2Id = await sendMessage(member, roomId, "!actions");
    const list2 = bodyOf(await view.reply(list2Id, "Open action items"));
    expect(list2).toContain("book-the-room");
    expect(list2).not.toContain("file-the-report");

    // The next meeting starts by reviewing what is still open.
    const next = await sendMessage(chair, roomId, "!startmeeting Follow up");
    const review = bodyOf(await view.reply(next, "Open action items from earlier meetings"));
    expect(review).toContain("book-the-room");
    expect(review).not.toContain("file-the-report");
    const chairId = await sendMessage(chair, roomId, `!chair ${member.userId}`);
    await view.reaction(chairId, "✅");
    await view.notice(`Current chairs: ${chair.userId} ${member.userId}`);
    const memberEnd = await sendMessage(member, roomId, "!endmeeting");
    await view.reaction(memberEnd, "✅");
    await view.until("the second end notice", (events) => {
      const ends = RoomView.notices(events, botUser.userId).filter((e) =>
        bodyOf(e).startsWith("Meeting ended at "),
      );
      return ends.length === 2 ? ends : undefined;
    });
    // Still done after the second meeting was stored.
    expect(bot.store.listItems({ kind: "action", open: false }).map((r) => r.id)).toEqual([
      report.id,
    ]);
  }, 60_000);

  describe("with a GitHub tracker for the room", () => {
    let served: Served;
    let fake: GitHubFake;
    const token = "ghp_e2etest0000000000000000000000000000000";

    beforeAll(async () => {
      fake = new GitHubFake({
        owner: "fedora-e2e",
        repo: "meetings",
        assignable: [],
        tokens: [token],
      });
      served = await serveFetch((request) => fake.fetch(request));
    });
    afterAll(async () => {
      await served.close();
    });

    it("syncs the meeting's items when it ends, once, and posts their issues", async () => {
      const [chair, member, botUser] = await users("chair", "member", "bot");
      const { roomId, alias } = await meetingRoom(chair, [member], botUser, {
        alias: aliasName("sigmeet-sync"),
      });
      const dir = tempDir();
      const config = botConfig(dir, [roomId], {
        trackers: [
          {
            type: "github",
            match: { rooms: [alias] },
            owner: "fedora-e2e",
            repo: "meetings",
            baseUrl: served.url,
            tokenEnv: "SIGMEET_E2E_GITHUB_TOKEN",
            spaceWrites: false,
          },
        ],
      });
      const bot = await start({ config, bot: botUser, env: { SIGMEET_E2E_GITHUB_TOKEN: token } });
      const view = new RoomView(chair, roomId, botUser.userId, () => bot.logs);
      await view.joined(botUser.userId);
      const startId = await sendMessage(chair, roomId, "!startmeeting Tracked");
      await view.reply(startId, "No open action items");
      await sendMessage(chair, roomId, `!action ${member.userId} update-the-wiki`);
      await sendMessage(chair, roomId, "!agreed use-the-new-tracker");
      await sendMessage(chair, roomId, "!endmeeting");
      await view.notice(/^Meeting ended at /);
      const tracked = bodyOf(await view.notice(/^Tracked:/, 60_000));
      const created = fake.issues.length;
      // A chair's !sync afterwards: the same items, nothing created again.
      const syncId = await sendMessage(chair, roomId, "!sync");
      await view.reply(syncId, "Syncing this room's items");
      const result = bodyOf(
        await view.until(
          "the !sync result",
          (events) =>
            RoomView.replies(events, botUser.userId, syncId).find(
              (e) => !bodyOf(e).startsWith("Syncing"),
            ),
          60_000,
        ),
      );
      expect(result).not.toContain("failed");
      expect(result).toBe("- fedora-e2e/meetings on GitHub: nothing to do");
      await bot.stop();
      expect(fake.issues).toHaveLength(created);

      const posts = fake.calls.filter((c) => c === "POST /repos/fedora-e2e/meetings/issues");
      expect(fake.issues.length).toBeGreaterThan(0);
      expect(posts).toHaveLength(fake.issues.length);
      expect(new Set(fake.issues.map((i) => i.title)).size).toBe(fake.issues.length);
      const issueOf = (text: string): number => {
        const found = fake.issues.filter((i) => i.title.includes(text));
        expect(found, `issues for ${text}`).toHaveLength(1);
        return found[0]?.number ?? 0;
      };
      const web = "https://github.com/fedora-e2e/meetings/issues";
      expect(tracked.split("\n").filter((l) => l !== "")).toEqual([
        "Tracked:",
        `- ACTION: @\u200D${member.userId.slice(1)} update-the-wiki → ${web}/${String(issueOf("update-the-wiki"))}`,
        `- AGREED: use-the-new-tracker → ${web}/${String(issueOf("use-the-new-tracker"))}`,
      ]);
      const events = await view.events();
      expect(
        RoomView.notices(events, botUser.userId).filter((e) => bodyOf(e).startsWith("Tracked:")),
      ).toHaveLength(1);
    }, 90_000);
  });
});
