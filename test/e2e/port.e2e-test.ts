import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { powerOf } from "../../src/matrix/power.ts";
import type { MatrixEvent, MatrixPort } from "../../src/matrix/port.ts";
import { openMatrixPort } from "../../src/matrix/sdk-port.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/types.ts";
import {
  createRoom,
  getStateEvent,
  invite,
  type MatrixUser,
  readSynapseInfo,
  readTimeline,
  registerUser,
  sendMessage,
} from "./synapse.ts";

/**
 * The Matrix port over matrix-bot-sdk against the real Synapse: it joins a room it is invited to
 * when allowed, receives messages, answers with notices that carry `m.mentions` and no reply
 * fallback, reacts, sees a v12 room's creator as all-powerful, and after a restart gets exactly
 * the messages sent while it was down (none of the old ones again).
 */
const info = readSynapseInfo();
let chair: MatrixUser;
let bot: MatrixUser;
let roomId: string;
// The bot's sync state in a real SQLite file, reopened for the restart.
const dir = mkdtempSync(join(tmpdir(), "sigmeet-port-e2e-"));
const dbPath = join(dir, "sigmeet.db");
let store: Store = openStore(dbPath);
const logs: string[] = [];
let port: MatrixPort | null = null;

function open(): Promise<MatrixPort> {
  return openMatrixPort({
    homeserverUrl: info.baseUrl,
    env: { SIGMEET_MATRIX_TOKEN: bot.accessToken },
    seen: store.bot.seen,
    store: store.bot.values,
    log: (line) => logs.push(line),
    syncTimeoutMs: 1000,
  });
}

async function until<T>(what: string, probe: () => T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until `userId` has joined the room (the port joins on its own when it accepts). */
async function joined(userId: string): Promise<void> {
  const end = Date.now() + 15_000;
  for (;;) {
    const member = await getStateEvent(chair, roomId, "m.room.member", userId).catch(() => null);
    if (member?.content["membership"] === "join") return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${userId} to join`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  chair = await registerUser("chair");
  bot = await registerUser("bot");
  roomId = await createRoom(chair, { roomVersion: "12", preset: "public_chat", name: "ELN" });
});

afterAll(async () => {
  await port?.stop();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the Matrix port on a real Synapse", () => {
  it("joins when invited, receives, answers, reacts, and knows a v12 creator", async () => {
    const received: MatrixEvent[] = [];
    port = await open();
    await port.start({
      event: (room, ev) => {
        if (room === roomId && ev.type === "m.room.message") received.push(ev);
      },
      allowInvite: ({ roomId: invited }) => invited === roomId,
    });
    await invite(chair, roomId, bot.userId);
    await joined(bot.userId);
    const command = await sendMessage(chair, roomId, "!action @bot to say hello");
    const got = await until("the command", () => received.find((e) => e.event_id === command));
    expect(got.content["body"]).toBe("!action @bot to say hello");

    const noticeId = await port.sendNotice(roomId, {
      body: "Noted.",
      html: "<p>Noted.</p>",
      replyTo: command,
      mentions: { userIds: [chair.userId] },
    });
    await port.react(roomId, command, "✅");
    const timeline = await readTimeline(chair, roomId);
    const notice = timeline.find((e) => e.event_id === noticeId);
    expect(notice?.content).toMatchObject({
      msgtype: "m.notice",
      body: "Noted.",
      format: "org.matrix.custom.html",
      "m.mentions": { user_ids: [chair.userId] },
      "m.relates_to": { "m.in_reply_to": { event_id: command } },
    });
    expect(String(notice?.content["body"])).not.toContain("> <");
    expect(
      timeline.some((e) => e.type === "m.reaction" && JSON.stringify(e.content).includes(command)),
    ).toBe(true);

    const state = await port.roomState(roomId);
    expect(powerOf(chair.userId, state)).toBe(Number.POSITIVE_INFINITY);
    expect(powerOf(bot.userId, state)).toBe(0);
    expect(logs.join("\n")).not.toContain(bot.accessToken);
  }, 60_000);

  it("after a restart gets all 130 messages sent while it was down, and no old one again", async () => {
    await port?.stop();
    port = null;
    store.close();
    store = openStore(dbPath);
    const missed: string[] = [];
    // More than the sync filter's timeline limit (100): the sync comes back "limited", and only
    // the port's gap fill through /messages brings the rest.
    for (let i = 1; i <= 130; i++)
      missed.push(await sendMessage(chair, roomId, `while down ${String(i)}`));
    const received: MatrixEvent[] = [];
    port = await open();
    await port.start({
      event: (room, ev) => {
        if (room === roomId && ev.type === "m.room.message") received.push(ev);
      },
      allowInvite: () => false,
    });
    await until("the missed messages", () =>
      missed.every((id) => received.some((e) => e.event_id === id)) ? true : undefined,
    );
    const bodies = received.map((e) => String(e.content["body"]));
    expect(bodies.filter((b) => b.startsWith("while down"))).toHaveLength(130);
    expect(bodies).not.toContain("!action @bot to say hello");
  }, 60_000);
});
