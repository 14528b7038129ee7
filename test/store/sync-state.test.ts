import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";

const dirs: string[] = [];
function dbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), "sigmeet-syncstate-"));
  dirs.push(dir);
  return join(dir, "s.db");
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("sync state", () => {
  it("keeps held ETag writes out of the database until released (a crash forgets them)", () => {
    const path = dbPath();
    const store = openStore(path);
    const cache = store.sync.httpCache();
    cache.set("a", '"1"', "[]");
    const release = store.sync.holdHttpCache();
    cache.set("b", '"2"', "[1]");
    expect(cache.get("b")).toEqual({ etag: '"2"', value: "[1]" });
    // Another process (or this one after a crash) sees only what was written.
    const other = openStore(path);
    expect(other.sync.httpCache().get("a")).toEqual({ etag: '"1"', value: "[]" });
    expect(other.sync.httpCache().get("b")).toBeUndefined();
    release();
    expect(other.sync.httpCache().get("b")).toEqual({ etag: '"2"', value: "[1]" });
    other.close();
    store.close();
  });

  it("moves links along a chain and keeps a displaced withdrawn link as history", () => {
    const store = openStore(":memory:");
    const base = {
      tracker: "t",
      meetingKey: "m",
      kind: "issue" as const,
      itemKind: "action" as const,
      url: "u",
      pushedHash: "h",
      textHash: "x",
      assignees: [],
      remoteState: "open" as const,
      syncedStatus: "open" as const,
      withdrawn: false,
      note: null,
    };
    store.sync.saveLink({ ...base, syncId: "a", number: 1 });
    store.sync.saveLink({ ...base, syncId: "b", number: 2 });
    store.sync.saveLink({ ...base, syncId: "c", number: 3, withdrawn: true });
    store.sync.moveLinks([
      ["a", "b"],
      ["b", "c"],
    ]);
    const links = store.sync.links();
    expect(links.find((l) => l.syncId === "b")?.number).toBe(1);
    expect(links.find((l) => l.syncId === "c")?.number).toBe(2);
    expect(links.find((l) => l.syncId.startsWith("c~"))?.number).toBe(3);
    expect(links).toHaveLength(3);
    store.close();
  });

  it("keeps the bot's handled events and sync values across a reopen", () => {
    const path = dbPath();
    const store = openStore(path);
    expect(store.bot.seen.has("$a")).toBe(false);
    store.bot.seen.add("!room", "$a");
    store.bot.seen.add("!room", "$a");
    store.bot.values.set("matrix.sync_token", "s1");
    store.bot.values.set("gone", "x");
    store.bot.values.set("gone", undefined);
    store.close();
    const again = openStore(path);
    expect(again.bot.seen.has("$a")).toBe(true);
    expect(again.bot.values.get("matrix.sync_token")).toBe("s1");
    expect(again.bot.values.get("gone")).toBeUndefined();
    again.close();
  });

  it("counts writes in a window and records webhook deliveries once", () => {
    const store = openStore(":memory:");
    store.sync.recordWrite("t", 1000);
    store.sync.recordWrite("t", 2000);
    store.sync.recordWrite("u", 2000);
    expect(store.sync.writesSince("t", 1500)).toEqual([2000]);
    expect(store.sync.hasDelivery("d")).toBe(false);
    expect(store.sync.firstDelivery("d")).toBe(true);
    expect(store.sync.firstDelivery("d")).toBe(false);
    expect(store.sync.hasDelivery("d")).toBe(true);
    store.close();
  });
});
