import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  bodyOf,
  botConfig,
  listFiles,
  meetingRoom,
  mentionsOf,
  reactionOf,
  removeDirs,
  RoomView,
  runBot,
  tempDir,
  type TestBot,
} from "./bot-harness.ts";
import {
  overrideRateLimit,
  readSynapseInfo,
  registerUser,
  sendMessage,
  type MatrixUser,
} from "./synapse.ts";

/**
 * The bot under Synapse's stock message rate limit (0.2 messages a second, burst 10: run by the
 * second pass of `npm run test:e2e`, SYNAPSE_RATE_LIMITS=stock). The people in the meeting have
 * their limit lifted and fire 24 commands at once; the bot, left at the stock limit, has about 29
 * reactions and notices to send and gets M_LIMIT_EXCEEDED for most of them. Each must still arrive,
 * exactly once: the bot waits the 429s out and resends the same transaction.
 */

/** Enough to go well past the burst of 10: most replies meet M_LIMIT_EXCEEDED. */
const COMMANDS = 24;

let bot: TestBot | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

afterAll(() => {
  removeDirs();
});

/** What the bot must answer a command with: a reaction key, or a reply whose body has this. */
type Expected = { readonly reaction: string } | { readonly reply: string };

describe("the meeting bot at Synapse's stock message rate limit", () => {
  it("answers each of 24 quick commands exactly once", async () => {
    // This file is only meaningful against the stock limit; the normal pass never runs it.
    expect(readSynapseInfo().rateLimits).toBe("stock");
    const admin = await registerUser("admin", { admin: true });
    const [chair, member, botUser] = await Promise.all([
      registerUser("chair"),
      registerUser("member"),
      registerUser("bot"),
    ]);
    for (const user of [chair, member])
      await overrideRateLimit(admin, user.userId, { messagesPerSecond: 0, burstCount: 0 });
    const { roomId } = await meetingRoom(chair, [member], botUser);
    const dir = tempDir();
    const config = botConfig(dir, [roomId]);
    bot = await runBot({ config, bot: botUser });
    const logs = bot.logs;
    const view = new RoomView(chair, roomId, botUser.userId, () => logs);
    await view.joined(botUser.userId);

    const startId = await sendMessage(chair, roomId, "!startmeeting Rate limited");
    await view.notice(`Current chairs: ${chair.userId}`);
    await view.reply(startId, "No open action items");

    const commands: { id: string; body: string; expected: Expected }[] = [];
    const kinds: [MatrixUser, (i: number) => string, Expected][] = [
      [chair, (i) => `!info info-${String(i)}`, { reaction: "✏️" }],
      [chair, (i) => `!idea idea-${String(i)}`, { reaction: "💭" }],
      [member, (i) => `!action ${chair.userId} action-${String(i)}`, { reaction: "🚩" }],
      [chair, (i) => `!topic topic-${String(i)}`, { reaction: "✅" }],
      [member, (i) => `!topic refused-${String(i)}`, { reply: "Only this meeting's chairs" }],
      [member, (i) => `!link https://example.org/${String(i)}`, { reaction: "🔗" }],
      [chair, (i) => `!agreed agreed-${String(i)}`, { reaction: "👍" }],
      [member, () => "!help", { reply: "Running a meeting" }],
    ];
    const sentAt = Date.now();
    for (let i = 0; i < COMMANDS; i++) {
      const kind = kinds[i % kinds.length];
      if (kind === undefined) throw new Error("no command kind");
      const [user, body, expected] = kind;
      commands.push({ id: await sendMessage(user, roomId, body(i)), body: body(i), expected });
    }
    const endId = await sendMessage(chair, roomId, "!endmeeting");
    const sendSeconds = (Date.now() - sentAt) / 1000;
    expect(sendSeconds, "the people's own limit is lifted: 25 messages at once").toBeLessThan(10);

    // ~29 events at 0.2/s after a burst of 10: about a minute and a half.
    await view.notice(/^Meeting ended at /, 280_000);
    await view.reaction(endId, "✅");
    await bot.stop();

    const events = await view.events();
    for (const c of commands) {
      const reactions = RoomView.reactions(events, botUser.userId, c.id);
      const replies = RoomView.replies(events, botUser.userId, c.id).map(bodyOf);
      if ("reaction" in c.expected) {
        expect(reactions, c.body).toEqual([c.expected.reaction]);
        expect(replies, c.body).toEqual([]);
      } else {
        expect(reactions, c.body).toEqual([]);
        expect(replies, c.body).toHaveLength(1);
        expect(replies[0], c.body).toContain(c.expected.reply);
      }
    }
    for (const refused of commands.filter((c) => c.body.startsWith("!topic refused-")))
      expect(
        RoomView.replies(events, botUser.userId, refused.id).map(mentionsOf),
        refused.body,
      ).toEqual([[member.userId]]);
    // Nothing else, and nothing twice.
    const mine = events.filter((e) => e.sender === botUser.userId && e.type !== "m.room.member");
    const reactionKeys = mine
      .map(reactionOf)
      .filter((r) => r !== undefined)
      .map((r) => `${r.target} ${r.key}`);
    expect(new Set(reactionKeys).size).toBe(reactionKeys.length);
    const noticeBodies = RoomView.notices(events, botUser.userId).map(
      (e) => bodyOf(e).split("\n")[0] ?? "",
    );
    expect(noticeBodies.filter((b) => b.startsWith("Meeting started at "))).toHaveLength(1);
    expect(noticeBodies.filter((b) => b.startsWith("Meeting ended at "))).toHaveLength(1);
    // 1 ✅ and 2 notices at the start, one answer per command, 1 ✅ and the end notice.
    expect(mine).toHaveLength(COMMANDS + 5);
    // The stock limit did bite: the bot was refused and waited.
    expect(logs.join("\n")).toMatch(/rate limited on PUT .*\/send\//);
    expect(listFiles(config.matrix?.minutesDir ?? "")).toHaveLength(6);
  }, 300_000);
});
