import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { lockHolder, lockIsStale } from "../../src/sync/sync-lock.ts";

describe("the sync lock", () => {
  const now = Date.parse("2026-11-26T10:00:00Z");
  const at = "2026-11-26T09:00:00.000Z";

  it("is stale when its process is gone, its holder unreadable, or it is a day old", () => {
    expect(lockIsStale(`pid ${String(process.pid)} on ${hostname()} since ${at}`, now)).toBe(false);
    expect(lockIsStale(`pid 4194304 on ${hostname()} since ${at}`, now)).toBe(true);
    expect(lockIsStale(`pid 1 on elsewhere.example since ${at}`, now)).toBe(false);
    expect(lockIsStale(`pid 1 on elsewhere.example since 2026-11-24T09:00:00Z`, now)).toBe(true);
    expect(lockIsStale("garbage", now)).toBe(true);
  });

  it("is taken once, refused while held, taken over when stale, and released", () => {
    const store = openStore(":memory:");
    const mine = lockHolder();
    expect(store.sync.takeSyncLock(mine, () => false)).toBeNull();
    expect(store.sync.takeSyncLock("pid 2 on x since y", () => false)).toBe(mine);
    expect(store.sync.takeSyncLock("pid 2 on x since y", (h) => h === mine)).toBeNull();
    store.sync.releaseSyncLock(mine); // not the holder any more: nothing happens
    expect(store.sync.takeSyncLock(mine, () => false)).toBe("pid 2 on x since y");
    store.sync.releaseSyncLock("pid 2 on x since y");
    expect(store.sync.takeSyncLock(mine, () => false)).toBeNull();
    store.close();
  });
});
