import { describe, expect, it } from "vitest";
import {
  RetryBatch,
  type MatrixEvent,
  type MessagesPage,
  type SyncHandlers,
} from "../../src/matrix/port.ts";
import { MemorySeenStore, type SeenStore } from "../../src/matrix/seen.ts";
import { SyncDispatcher, type DispatchOptions } from "../../src/matrix/sync-dispatch.ts";

const BOT = "@bot:test";
const START = 1_000_000;

const message = (id: string, ts = START + 1, body = id): MatrixEvent => ({
  event_id: id,
  type: "m.room.message",
  sender: "@alice:test",
  origin_server_ts: ts,
  content: { msgtype: "m.text", body },
});

const ownJoin = (id: string, ts = START + 1): MatrixEvent => ({
  event_id: id,
  type: "m.room.member",
  state_key: BOT,
  sender: BOT,
  origin_server_ts: ts,
  content: { membership: "join" },
});

const joined = (
  rooms: Record<string, { events: MatrixEvent[]; limited?: boolean; prev_batch?: string }>,
) => ({
  next_batch: "s",
  rooms: {
    join: Object.fromEntries(
      Object.entries(rooms).map(([id, timeline]) => [
        id,
        { timeline: { limited: false, ...timeline } },
      ]),
    ),
  },
});

function setup(
  overrides: Partial<DispatchOptions> & { pages?: Record<string, MessagesPage> } = {},
) {
  const handled: string[] = [];
  const lines: string[] = [];
  const fetched: string[] = [];
  const joins: string[] = [];
  const declines: string[] = [];
  const seen = new MemorySeenStore();
  const handlers: SyncHandlers = {
    event: (roomId, event) => {
      handled.push(`${roomId} ${event.event_id}`);
    },
    allowInvite: ({ roomId }) => roomId === "!allowed:test",
  };
  const dispatcher = new SyncDispatcher({
    userId: BOT,
    handlers,
    seen,
    fetchBack: (_roomId, from) => {
      fetched.push(from);
      const page = overrides.pages?.[from];
      return page === undefined
        ? Promise.reject(new Error(`no page ${from}`))
        : Promise.resolve(page);
    },
    join: (roomId) => Promise.resolve(joins.push(roomId)),
    decline: (roomId) => Promise.resolve(declines.push(roomId)),
    log: (line) => lines.push(line),
    startedAt: START,
    ...overrides,
  });
  return { dispatcher, handled, lines, fetched, joins, declines, seen };
}

describe("SyncDispatcher: dedupe", () => {
  it("hands each event over once, within a batch and across batches", async () => {
    const t = setup();
    await t.dispatcher.dispatch(
      joined({ "!r": { events: [message("$1"), message("$2"), message("$1")] } }),
      false,
    );
    await t.dispatcher.dispatch(
      joined({ "!r": { events: [message("$2"), message("$3")] } }),
      false,
    );
    expect(t.handled).toEqual(["!r $1", "!r $2", "!r $3"]);
  });

  it("skips events the store already knows (a batch replayed after a crash)", async () => {
    const t = setup();
    t.seen.add("!r", "$1");
    await t.dispatcher.dispatch(
      joined({ "!r": { events: [message("$1"), message("$2")] } }),
      false,
    );
    expect(t.handled).toEqual(["!r $2"]);
  });

  it("records an event as seen only after its handler ran", async () => {
    const order: string[] = [];
    const seen: SeenStore = {
      has: () => false,
      add: (_room, id) => {
        order.push(`seen ${id}`);
      },
    };
    const t = setup({
      seen,
      handlers: {
        event: (_r, e) => void order.push(`handle ${e.event_id}`),
        allowInvite: () => false,
      },
    });
    await t.dispatcher.dispatch(joined({ "!r": { events: [message("$1")] } }), false);
    expect(order).toEqual(["handle $1", "seen $1"]);
  });
});

describe("SyncDispatcher: order and failures", () => {
  it("keeps timeline order per room while rooms run concurrently", async () => {
    const log: string[] = [];
    const t = setup({
      handlers: {
        event: async (roomId, event) => {
          await new Promise((done) => setTimeout(done, roomId === "!slow" ? 15 : 1));
          log.push(`${roomId} ${event.event_id}`);
        },
        allowInvite: () => false,
      },
    });
    await t.dispatcher.dispatch(
      joined({
        "!slow": { events: [message("$a"), message("$b")] },
        "!fast": { events: [message("$c")] },
      }),
      false,
    );
    expect(log).toEqual(["!fast $c", "!slow $a", "!slow $b"]);
  });

  it("logs a throwing handler, counts its event as handled, and goes on", async () => {
    const t = setup({
      handlers: {
        event: (_r, event) => {
          if (event.event_id === "$bad") throw new Error("handler broke");
        },
        allowInvite: () => false,
      },
    });
    await t.dispatcher.dispatch(
      joined({ "!r": { events: [message("$bad"), message("$good")] } }),
      false,
    );
    expect(t.lines).toEqual(["matrix: handler failed on $bad in !r: handler broke"]);
    expect(t.seen.has("$bad")).toBe(true);
    expect(t.seen.has("$good")).toBe(true);
  });

  it("fails the batch on RetryBatch: the event stays unseen and comes again", async () => {
    let broken = true;
    const handled: string[] = [];
    const t = setup({
      handlers: {
        event: (_r, event) => {
          if (broken && event.event_id === "$2") throw new RetryBatch("database is locked");
          handled.push(event.event_id);
        },
        allowInvite: () => false,
      },
    });
    const batch = joined({ "!r": { events: [message("$1"), message("$2"), message("$3")] } });
    await expect(t.dispatcher.dispatch(batch, false)).rejects.toThrow(/sync batch failed/);
    expect(t.seen.has("$1")).toBe(true);
    expect(t.seen.has("$2")).toBe(false);
    broken = false;
    await t.dispatcher.dispatch(batch, false);
    expect(handled).toEqual(["$1", "$2", "$3"]);
  });

  it("fails the batch when the seen store fails, so the token is not saved", async () => {
    const t = setup({
      seen: { has: () => Promise.reject(new Error("disk full")), add: () => undefined },
    });
    await expect(
      t.dispatcher.dispatch(joined({ "!r": { events: [message("$1")] } }), false),
    ).rejects.toThrow(/sync batch failed/);
  });

  it("ignores malformed events and responses", async () => {
    const t = setup();
    await t.dispatcher.dispatch(null, false);
    await t.dispatcher.dispatch(
      { rooms: { join: { "!r": { timeline: { events: [{ type: "x" }, 7] } } } } },
      false,
    );
    expect(t.handled).toEqual([]);
  });
});

describe("SyncDispatcher: gaps", () => {
  it("fills a limited timeline from /messages back to the last seen event", async () => {
    const t = setup({
      pages: {
        p1: { events: [message("$4"), message("$3")], end: "p2" },
        p2: { events: [message("$2"), message("$1")], end: "p3" },
      },
    });
    t.seen.add("!r", "$2");
    await t.dispatcher.dispatch(
      joined({ "!r": { events: [message("$5"), message("$6")], limited: true, prev_batch: "p1" } }),
      false,
    );
    expect(t.fetched).toEqual(["p1", "p2"]);
    expect(t.handled).toEqual(["!r $3", "!r $4", "!r $5", "!r $6"]);
  });

  it("stops at the start of the room (no `end`) and at the bot's own join", async () => {
    const t = setup({ pages: { p1: { events: [message("$2"), message("$1")] } } });
    await t.dispatcher.dispatch(
      joined({ "!r": { events: [message("$3")], limited: true, prev_batch: "p1" } }),
      false,
    );
    expect(t.handled).toEqual(["!r $1", "!r $2", "!r $3"]);

    const u = setup({
      pages: { p1: { events: [message("$2"), ownJoin("$join"), message("$old")], end: "p2" } },
    });
    await u.dispatcher.dispatch(
      joined({ "!r": { events: [message("$3")], limited: true, prev_batch: "p1" } }),
      false,
    );
    expect(u.fetched).toEqual(["p1"]);
    expect(u.handled).toEqual(["!r $2", "!r $3"]);
  });

  it("gives up after maxGapEvents with a warning", async () => {
    const t = setup({
      maxGapEvents: 2,
      pages: {
        p1: { events: [message("$4"), message("$3"), message("$2"), message("$1")], end: "p2" },
      },
    });
    await t.dispatcher.dispatch(
      joined({ "!r": { events: [message("$5")], limited: true, prev_batch: "p1" } }),
      false,
    );
    expect(t.handled).toEqual(["!r $3", "!r $4", "!r $5"]);
    expect(t.lines).toEqual([
      "matrix: gap in !r longer than 2 events; older missed events are skipped",
    ]);
  });

  it("fails the batch when a page cannot be fetched", async () => {
    const t = setup();
    await expect(
      t.dispatcher.dispatch(
        joined({ "!r": { events: [message("$1")], limited: true, prev_batch: "nope" } }),
        false,
      ),
    ).rejects.toThrow(/sync batch failed/);
    expect(t.handled).toEqual([]);
  });
});

describe("SyncDispatcher: history is not news", () => {
  it("an initial sync records older events as seen without handling them, and fills no gap", async () => {
    const t = setup();
    await t.dispatcher.dispatch(
      joined({
        "!r": {
          events: [message("$old", START - 5000, "!startmeeting"), message("$new", START + 10)],
          limited: true,
          prev_batch: "p1",
        },
      }),
      true,
    );
    expect(t.fetched).toEqual([]);
    expect(t.handled).toEqual(["!r $new"]);
    expect(t.seen.has("$old")).toBe(true);
  });

  it("events before the bot's own join in the same timeline are history", async () => {
    const t = setup();
    const rename: MatrixEvent = {
      ...ownJoin("$rename"),
      unsigned: { prev_content: { membership: "join" } },
    };
    await t.dispatcher.dispatch(
      joined({
        "!r": {
          events: [
            message("$before"),
            ownJoin("$join"),
            message("$after"),
            rename,
            message("$last"),
          ],
        },
      }),
      false,
    );
    expect(t.handled).toEqual(["!r $join", "!r $after", "!r $rename", "!r $last"]);
  });
});

describe("SyncDispatcher: invites", () => {
  const invite = (roomId: string, inviter: string, userId = BOT) => ({
    [roomId]: {
      invite_state: {
        events: [
          { type: "m.room.name", state_key: "", sender: inviter, content: { name: "x" } },
          {
            type: "m.room.member",
            state_key: userId,
            sender: inviter,
            content: { membership: "invite" },
          },
        ],
      },
    },
  });

  it("joins allowed rooms and declines the others", async () => {
    const t = setup();
    await t.dispatcher.dispatch(
      {
        rooms: {
          invite: {
            ...invite("!allowed:test", "@chair:test"),
            ...invite("!spam:test", "@spammer:test"),
          },
        },
      },
      false,
    );
    expect(t.joins).toEqual(["!allowed:test"]);
    expect(t.declines).toEqual(["!spam:test"]);
    expect(t.lines).toContain("matrix: invite to !spam:test by @spammer:test: declining");
  });

  it("ignores invites of other users and survives a failing predicate or join", async () => {
    const t = setup({
      handlers: {
        event: () => undefined,
        allowInvite: () => Promise.reject(new Error("config gone")),
      },
      join: () => Promise.reject(new Error("unreachable")),
    });
    await t.dispatcher.dispatch(
      { rooms: { invite: invite("!x:test", "@a:test", "@someone:test") } },
      false,
    );
    expect(t.lines).toEqual([]);
    await t.dispatcher.dispatch({ rooms: { invite: invite("!y:test", "@a:test") } }, false);
    expect(t.lines).toEqual(["matrix: invite to !y:test by @a:test failed: config gone"]);
    expect(t.declines).toEqual([]);
  });
});
