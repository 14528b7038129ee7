import { afterEach, describe, expect, it } from "vitest";
import type { MatrixEvent, MatrixPort } from "../../src/matrix/port.ts";
import { openMatrixPort, type MatrixPortOptions } from "../../src/matrix/sdk-port.ts";
import { MemorySeenStore } from "../../src/matrix/seen.ts";
import { MemoryKeyValueStore } from "../../src/matrix/sync-store.ts";
import { FakeHomeserver, fail, ok, until } from "./fake-homeserver.ts";

// The port over the real matrix-bot-sdk, with a scripted homeserver behind the SDK's HTTP hook.

const TOKEN = "syt_Ym90_SECRETsecretSECRET_0abcde";
const BOT = "@bot:test";
const START = Date.parse("2026-11-26T10:00:00Z");

const message = (id: string, ts = START + 1000): MatrixEvent => ({
  event_id: id,
  type: "m.room.message",
  sender: "@alice:test",
  origin_server_ts: ts,
  content: { msgtype: "m.text", body: id },
});

const ports: MatrixPort[] = [];
afterEach(async () => {
  await Promise.all(ports.splice(0).map((port) => port.stop()));
});

async function open(hs: FakeHomeserver, extra: Partial<MatrixPortOptions> = {}) {
  const lines: string[] = [];
  const sleeps: number[] = [];
  const port = await openMatrixPort({
    homeserverUrl: "http://hs.test/",
    env: { SIGMEET_MATRIX_TOKEN: TOKEN },
    seen: new MemorySeenStore(),
    log: (line) => lines.push(line),
    request: hs.request,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    now: () => START,
    ...extra,
  });
  ports.push(port);
  return { port, lines, sleeps };
}

describe("sending", () => {
  it("sends notices as m.notice with m.mentions and a fallback-free reply", async () => {
    const hs = new FakeHomeserver().on("PUT", /\/send\//, () => ok({ event_id: "$sent" }));
    const { port } = await open(hs);
    const id = await port.sendNotice("!r:test", {
      body: "Action recorded",
      html: "<b>Action</b> recorded",
      replyTo: "$cmd",
      mentions: { userIds: ["@alice:test"] },
    });
    expect(id).toBe("$sent");
    const [call] = hs.callsTo("PUT", /\/send\//);
    expect(call?.path).toMatch(
      /^\/_matrix\/client\/v3\/rooms\/!r:test\/send\/m\.room\.message\/sigmeet\.\d+\.\d+$/,
    );
    expect(call?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call?.body).toEqual({
      msgtype: "m.notice",
      body: "Action recorded",
      format: "org.matrix.custom.html",
      formatted_body: "<b>Action</b> recorded",
      "m.relates_to": { "m.in_reply_to": { event_id: "$cmd" } },
      "m.mentions": { user_ids: ["@alice:test"] },
    });
  });

  it("retries M_LIMIT_EXCEEDED with the same transaction id: one message", async () => {
    let attempts = 0;
    const hs = new FakeHomeserver().on("PUT", /\/send\//, () =>
      ++attempts === 1
        ? fail(429, "M_LIMIT_EXCEEDED", { retry_after_ms: 848 })
        : ok({ event_id: "$once" }),
    );
    const { port, sleeps, lines } = await open(hs);
    expect(await port.sendNotice("!r:test", { body: "hi", mentions: {} })).toBe("$once");
    const sends = hs.callsTo("PUT", /\/send\//);
    expect(sends).toHaveLength(2);
    expect(sends[1]?.path).toBe(sends[0]?.path);
    expect(sends[1]?.body).toEqual(sends[0]?.body);
    expect(sleeps).toEqual([848]);
    expect(lines.join("\n")).toMatch(/rate limited on PUT .*retry 1 of 15 in 848 ms/);
  });

  it("sends with the caller's transaction id, so a resend after a crash is the same request", async () => {
    const hs = new FakeHomeserver().on("PUT", /\/send\//, () => ok({ event_id: "$same" }));
    const { port } = await open(hs);
    await port.sendNotice("!r:test", { body: "hi", mentions: {} }, "sigmeet.abc");
    await port.react("!r:test", "$cmd", "👍", "sigmeet.def");
    expect(hs.callsTo("PUT", /\/send\//).map((c) => c.path)).toEqual([
      "/_matrix/client/v3/rooms/!r:test/send/m.room.message/sigmeet.abc",
      "/_matrix/client/v3/rooms/!r:test/send/m.reaction/sigmeet.def",
    ]);
  });

  it("does not retry other errors", async () => {
    const hs = new FakeHomeserver().on("PUT", /\/send\//, () => fail(403, "M_FORBIDDEN"));
    const { port, sleeps } = await open(hs);
    await expect(port.sendNotice("!r:test", { body: "hi", mentions: {} })).rejects.toMatchObject({
      errcode: "M_FORBIDDEN",
    });
    expect(hs.callsTo("PUT", /\/send\//)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("reacts, redacts, joins and leaves", async () => {
    const hs = new FakeHomeserver()
      .on("PUT", /\/send\/m\.reaction\//, () => ok({ event_id: "$re" }))
      .on("PUT", /\/redact\//, () => ok({ event_id: "$red" }))
      .on("POST", /\/join\//, () => ok({ room_id: "!joined:test" }))
      .on("POST", /\/leave$/, () => ok({}))
      .withAccount(BOT);
    const { port } = await open(hs);
    expect(await port.react("!r:test", "$ev", "✅")).toBe("$re");
    expect(hs.callsTo("PUT", /m\.reaction/)[0]?.body).toEqual({
      "m.relates_to": { rel_type: "m.annotation", event_id: "$ev", key: "✅" },
    });
    expect(await port.redact("!r:test", "$ev", "oops")).toBe("$red");
    expect(hs.callsTo("PUT", /\/redact\/\$ev\//)[0]?.body).toEqual({ reason: "oops" });
    expect(await port.joinRoom("#sig:test", ["test"])).toBe("!joined:test");
    expect(hs.callsTo("POST", /\/join\/#sig:test$/)[0]?.qs).toEqual({ server_name: ["test"] });
    await port.leaveRoom("!r:test", "bye");
    expect(hs.callsTo("POST", /\/rooms\/!r:test\/leave$/)[0]?.body).toEqual({ reason: "bye" });
  });
});

describe("reading", () => {
  it("pages /messages and reports the end of history as an absent `end`", async () => {
    const hs = new FakeHomeserver().on("GET", /\/messages$/, (call) =>
      call.qs["from"] === "t1"
        ? ok({ chunk: [message("$1")], start: "t1" })
        : ok({ chunk: [message("$2"), { junk: true }], start: "t0", end: "t1" }),
    );
    const { port } = await open(hs);
    const first = await port.messages("!r:test", {
      dir: "b",
      limit: 2,
      filter: { types: ["m.room.message"] },
    });
    expect(first).toEqual({ events: [message("$2")], end: "t1" });
    expect(hs.calls[0]?.qs).toEqual({ dir: "b", limit: 2, filter: '{"types":["m.room.message"]}' });
    const last = await port.messages("!r:test", { dir: "b", from: "t1" });
    expect(last).toEqual({ events: [message("$1")] });
    expect("end" in last).toBe(false);
  });

  it("returns full state events and who the bot is", async () => {
    const create = {
      type: "m.room.create",
      state_key: "",
      sender: "@a:test",
      event_id: "$c",
      origin_server_ts: 1,
      content: { room_version: "12" },
    };
    const hs = new FakeHomeserver().on("GET", /\/state$/, () => ok([create])).withAccount(BOT);
    const { port } = await open(hs);
    expect(await port.roomState("!r:test")).toEqual([create]);
    expect(await port.whoAmI()).toEqual({ userId: BOT, deviceId: "DEV" });
  });

  it("requires the token in the environment", async () => {
    const hs = new FakeHomeserver();
    await expect(open(hs, { env: {} })).rejects.toThrow(
      "environment variable SIGMEET_MATRIX_TOKEN (Matrix access token) is not set",
    );
    await expect(
      open(hs, { env: { BOT_TOKEN: TOKEN }, tokenEnv: "BOT_TOKEN" }),
    ).resolves.toBeDefined();
  });
});

describe("syncing", () => {
  it("saves the token after processing, fills gaps, dedupes and stops", async () => {
    const store = new MemoryKeyValueStore();
    const tokenWhenHandled: Record<string, string | undefined> = {};
    const handled: string[] = [];
    const hs = new FakeHomeserver()
      .withAccount(BOT)
      .withSync([
        {
          next_batch: "s1",
          rooms: {
            join: {
              "!r:test": { timeline: { events: [message("$old", START - 60_000), message("$1")] } },
            },
          },
        },
        {
          next_batch: "s2",
          rooms: {
            join: {
              "!r:test": { timeline: { events: [message("$4")], limited: true, prev_batch: "p1" } },
            },
          },
        },
        {
          next_batch: "s3",
          rooms: { join: { "!r:test": { timeline: { events: [message("$4"), message("$5")] } } } },
        },
      ])
      .on("GET", /\/rooms\/!r:test\/messages$/, () =>
        ok({ chunk: [message("$3"), message("$2"), message("$1")], end: "p0" }),
      );
    const { port } = await open(hs, { store });
    await port.start({
      event: (_roomId, event) => {
        handled.push(event.event_id);
        tokenWhenHandled[event.event_id] = store.get("matrix.sync_token");
      },
      allowInvite: () => false,
    });
    await until(
      () => handled.includes("$5") && store.get("matrix.sync_token") === "s3",
      "three batches",
    );
    // The initial sync's past is not replayed; the gap before $4 is filled back to $1.
    expect(handled).toEqual(["$1", "$2", "$3", "$4", "$5"]);
    // Each batch's events were handled before its token was saved.
    expect(tokenWhenHandled).toEqual({ $1: undefined, $2: "s1", $3: "s1", $4: "s1", $5: "s2" });
    expect(hs.callsTo("GET", /\/messages$/)[0]?.qs).toMatchObject({ from: "p1", dir: "b" });
    expect(hs.callsTo("GET", /\/sync$/)[0]?.qs).not.toHaveProperty("since");
    await port.stop();
    const syncs = hs.callsTo("GET", /\/sync$/).length;
    await new Promise((done) => setTimeout(done, 50));
    expect(hs.callsTo("GET", /\/sync$/).length).toBeLessThanOrEqual(syncs + 1);
    await expect(port.start({ event: () => undefined, allowInvite: () => true })).rejects.toThrow(
      /syncs once/,
    );

    // A new port on the same store resumes: same filter, no new one, and `since` = saved token.
    const again = new FakeHomeserver().withAccount(BOT).withSync([]);
    const { port: second } = await open(again, { store });
    await second.start({ event: () => undefined, allowInvite: () => false });
    await until(() => again.callsTo("GET", /\/sync$/).length > 0, "a resumed sync");
    expect(again.callsTo("POST", /\/filter$/)).toEqual([]);
    expect(again.callsTo("GET", /\/sync$/)[0]?.qs).toMatchObject({ since: "s3", filter: "1" });
  });

  it("joins allowed invites and declines others", async () => {
    const invite = (inviter: string) => ({
      invite_state: {
        events: [
          {
            type: "m.room.member",
            state_key: BOT,
            sender: inviter,
            content: { membership: "invite" },
          },
        ],
      },
    });
    const hs = new FakeHomeserver()
      .withAccount(BOT)
      .withSync([
        {
          next_batch: "s1",
          rooms: {
            invite: { "!sig:test": invite("@chair:test"), "!spam:test": invite("@x:test") },
          },
        },
      ])
      .on("POST", /\/join\//, () => ok({ room_id: "!sig:test" }))
      .on("POST", /\/leave$/, () => ok({}));
    const { port } = await open(hs);
    await port.start({
      event: () => undefined,
      allowInvite: ({ inviter }) => inviter === "@chair:test",
    });
    await until(() => hs.callsTo("POST", /\/leave$/).length > 0, "the decline");
    expect(hs.callsTo("POST", /\/join\/!sig:test$/)).toHaveLength(1);
    expect(hs.callsTo("POST", /\/rooms\/!spam:test\/leave$/)[0]?.body).toEqual({
      reason: "This bot only joins rooms it is configured for.",
    });
  });

  it("never logs the access token, whatever carries it", async () => {
    const hs = new FakeHomeserver()
      .withAccount(BOT)
      // The SDK logs this failure itself (DMs module), message included.
      .on("GET", /\/account_data\/m\.direct$/, () =>
        fail(500, "M_UNKNOWN", { error: `bad token ${TOKEN}` }),
      )
      .on(
        "PUT",
        /\/send\//,
        (() => {
          let n = 0;
          return () =>
            ++n === 1
              ? fail(429, "M_LIMIT_EXCEEDED", { retry_after_ms: 1 })
              : ok({ event_id: "$e" });
        })(),
      )
      .withSync([
        {
          next_batch: "s1",
          rooms: { join: { "!r:test": { timeline: { events: [message("$1")] } } } },
        },
      ]);
    const { port, lines } = await open(hs);
    await port.start({
      event: () => {
        throw new Error(`handler saw ${TOKEN}`);
      },
      allowInvite: () => false,
    });
    await port.sendNotice("!r:test", { body: "x", mentions: {} });
    await until(() => lines.some((line) => line.includes("handler failed")), "the handler failure");
    expect(hs.calls.every((call) => call.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(lines.filter((line) => line.includes("<redacted>")).length).toBeGreaterThanOrEqual(2);
    expect(lines.some((line) => line.includes("rate limited"))).toBe(true);
    for (const line of lines) expect(line).not.toContain(TOKEN);
    expect(lines.join("\n")).not.toContain("SECRETsecret");
  });
});
