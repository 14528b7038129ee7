import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Replies, txnIdOf } from "../../src/bot/replies.ts";
import { openStore, type Store } from "../../src/store/index.ts";
import { FakePort } from "./fake-port.ts";

const ROOM = "!r:test";
const NOTICE = { body: "hello", mentions: {} };

const stores: Store[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function store(path = ":memory:"): Store {
  const opened = openStore(path);
  stores.push(opened);
  return opened;
}

function setup(rows = store().bot.replies, port = new FakePort()) {
  const logs: string[] = [];
  const sleeps: number[] = [];
  const replies = new Replies(
    port,
    rows,
    (line) => logs.push(line),
    (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  );
  return { port, replies, logs, sleeps, rows };
}

describe("Replies", () => {
  it("sends a reply once per key, however often it is asked for", async () => {
    const { port, replies, rows } = setup();
    const first = await replies.notice(ROOM, "$e1:answer:0", NOTICE);
    expect(await replies.notice(ROOM, "$e1:answer:0", { ...NOTICE, body: "changed" })).toBe(first);
    expect(port.notices.map((n) => [n.notice.body, n.txnId])).toEqual([
      ["hello", txnIdOf("$e1:answer:0")],
    ]);
    expect(rows.get("$e1:answer:0")).toEqual({ txnId: txnIdOf("$e1:answer:0"), eventId: first });
    // Another key is another reply.
    await replies.react(ROOM, "$e1:ack:👍", "$e1", "👍");
    await replies.react(ROOM, "$e1:ack:👍", "$e1", "👍");
    expect(port.reactions.map((r) => [r.target, r.key])).toEqual([["$e1", "👍"]]);
  });

  it("derives the transaction id from the key alone", () => {
    expect(txnIdOf("$e1:ack:👍")).toBe(txnIdOf("$e1:ack:👍"));
    expect(txnIdOf("$e1:ack:👍")).not.toBe(txnIdOf("$e1:ack:👎"));
    expect(txnIdOf("$e1:ack:👍")).toMatch(/^sigmeet\.[A-Za-z0-9_-]{32}$/);
  });

  it("resends with the same transaction id after a crash between send and record", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sigmeet-replies-"));
    dirs.push(dir);
    const path = join(dir, "bot.db");
    const port = new FakePort();
    const before = setup(store(path).bot.replies, port);
    // The homeserver takes the notice; the process dies before the reply is recorded.
    port.hangNext({ deliver: true });
    void before.replies.notice(ROOM, "$e1:end", NOTICE);
    await new Promise((done) => setTimeout(done, 5));
    expect(port.notices).toHaveLength(1);
    expect(before.rows.get("$e1:end")).toEqual({ txnId: txnIdOf("$e1:end"), eventId: null });

    const after = setup(store(path).bot.replies, port);
    const eventId = await after.replies.notice(ROOM, "$e1:end", NOTICE);
    expect(eventId).toBe(port.notices[0]?.eventId);
    expect(port.notices).toHaveLength(1);
    expect(port.attempts.map((a) => [a.txnId, a.outcome])).toEqual([
      [txnIdOf("$e1:end"), "hung"],
      [txnIdOf("$e1:end"), "replayed"],
    ]);
    expect(after.rows.get("$e1:end")?.eventId).toBe(eventId);
  });

  it("sends after a crash before the send reached the homeserver", async () => {
    const port = new FakePort();
    const rows = store().bot.replies;
    port.hangNext({ deliver: false });
    void setup(rows, port).replies.react(ROOM, "$e1:ack:✅", "$e1", "✅");
    await new Promise((done) => setTimeout(done, 5));
    expect(port.reactions).toEqual([]);
    const id = await setup(rows, port).replies.react(ROOM, "$e1:ack:✅", "$e1", "✅");
    expect(port.reactions.map((r) => [r.eventId, r.txnId])).toEqual([[id, txnIdOf("$e1:ack:✅")]]);
  });

  it("retries a server error three times with backoff, then gives up and logs", async () => {
    const ok = setup();
    ok.port.failNext(3, { statusCode: 500 });
    expect(await ok.replies.notice(ROOM, "k1", NOTICE)).toBe(ok.port.notices[0]?.eventId);
    expect(ok.sleeps).toEqual([1000, 2000, 4000]);
    expect(new Set(ok.port.attempts.map((a) => a.txnId))).toEqual(new Set([txnIdOf("k1")]));

    const lost = setup();
    lost.port.failNext(4, new Error("socket hang up"));
    expect(await lost.replies.notice(ROOM, "k2", NOTICE)).toBeNull();
    expect(lost.port.attempts).toHaveLength(4);
    expect(lost.logs).toEqual([`matrix: could not send k2 in ${ROOM}: socket hang up`]);
    // Not recorded as sent: a later try sends it.
    expect(await lost.replies.notice(ROOM, "k2", NOTICE)).toBe(lost.port.notices[0]?.eventId);
  });

  it("does not retry a client error, and describes the homeserver's answer", async () => {
    const { port, replies, logs, sleeps } = setup();
    port.failNext(1, { statusCode: 403, body: { errcode: "M_FORBIDDEN", error: "no" } });
    expect(await replies.notice(ROOM, "k", NOTICE)).toBeNull();
    expect(port.attempts).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(logs).toEqual([
      `matrix: could not send k in ${ROOM}: {"errcode":"M_FORBIDDEN","error":"no"}`,
    ]);
  });

  it("takes M_DUPLICATE_ANNOTATION as done: the reaction is there already", async () => {
    const { port, replies, rows, sleeps, logs } = setup();
    port.failNext(1, { errcode: "M_DUPLICATE_ANNOTATION", statusCode: 400 });
    expect(await replies.react(ROOM, "$e:ack:👍", "$e", "👍")).toBeNull();
    expect(rows.get("$e:ack:👍")?.eventId).toBe("");
    expect(sleeps).toEqual([]);
    expect(logs).toEqual([]);
    await replies.react(ROOM, "$e:ack:👍", "$e", "👍");
    expect(port.attempts).toHaveLength(1);
  });
});
