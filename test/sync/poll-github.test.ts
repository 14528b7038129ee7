import { describe, expect, it } from "vitest";
import type { SyncState } from "../../src/store/sync-state.ts";
import { runSync } from "../../src/sync/run-sync.ts";
import { createGitHubTracker } from "../../src/trackers/github/github-tracker.ts";
import { GitHubFake } from "../fakes/github-fake.ts";
import { elnMeeting, freshStore, importInto, syncConfig, virtualClock } from "./fixtures.ts";

/**
 * Polling through the real GitHub adapter and the GitHub fake (ETags, 304s): a close made on
 * GitHub comes home even when the run that first read it died before applying it.
 */
function setup() {
  const store = freshStore();
  const config = syncConfig();
  importInto(
    store,
    elnMeeting([
      "sgallagh: #action sgallagh to draft the policy",
      "sgallagh: #action yselkowitz to rebuild glibc",
    ]),
    config,
  );
  const fake = new GitHubFake({ owner: "fedora-eln", repo: "eln", assignable: ["sgallagh"] });
  const tracker = () =>
    createGitHubTracker({
      owner: "fedora-eln",
      repo: "eln",
      token: "ghp_test",
      fetch: fake.fetch,
      cache: store.sync.httpCache(),
      pacing: { spaceWrites: false },
      log: () => undefined,
    });
  const trackerConfig = config.trackers[0];
  if (trackerConfig === undefined) throw new Error("no tracker");
  const sync = (state: SyncState = store.sync) =>
    runSync({
      state,
      config,
      trackers: [{ config: trackerConfig, tracker: tracker() }],
      clock: virtualClock(),
    });
  return { store, fake, tracker, sync };
}

describe("polling GitHub", () => {
  it("answers a no-op sync with one 304 once the cursor settled", async () => {
    const { fake, sync } = setup();
    await sync();
    await sync();
    await sync();
    const before = fake.calls.length;
    const [report] = await sync();
    expect(report?.failures).toEqual([]);
    expect(fake.calls.slice(before)).toEqual(["GET /repos/fedora-eln/eln/issues"]);
  });

  it("does not lose a close when the run that read it died before applying it", async () => {
    const { store, tracker, sync } = setup();
    await sync();
    await sync();
    await tracker().setState(1, "closed", "completed"); // someone closes #1 on GitHub
    // A run that dies while applying what it listed (the first link write fails).
    let broken = true;
    const dying: SyncState = {
      ...store.sync,
      saveLink: (link) => {
        if (broken) {
          broken = false;
          throw new Error("killed");
        }
        store.sync.saveLink(link);
      },
    };
    await expect(sync(dying)).rejects.toThrow("killed");
    expect(store.listItems({ kind: "action", open: true })).toHaveLength(2);
    const [report] = await sync();
    expect(report?.pulled).toBe(1);
    expect(store.listItems({ kind: "action", open: true }).map((i) => i.text)).toEqual([
      "yselkowitz to rebuild glibc",
    ]);
  });
});
