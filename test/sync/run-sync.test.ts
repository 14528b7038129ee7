import { describe, expect, it } from "vitest";
import { findSyncId } from "../../src/render/issue-draft.ts";
import { planAll, runSync } from "../../src/sync/run-sync.ts";
import { MemoryTracker } from "../fakes/memory-tracker.ts";
import { elnMeeting, freshStore, importInto, syncConfig, virtualClock } from "./fixtures.ts";

const BODY = [
  "sgallagh: #topic x86_64-v3",
  "sgallagh: #action sgallagh to draft the policy",
  "yselkowitz: #action yselkowitz to rebuild glibc",
  "sgallagh: #agreed enable x86_64-v3 builds in ELN (+4, 0, -0)",
  "sgallagh: #topic #224 standard bots in the Matrix room",
  "sgallagh: #agreed ask infra for the bots",
];

function setup(body = BODY, overrides: Record<string, unknown> = {}) {
  const store = freshStore();
  const config = syncConfig(overrides);
  importInto(store, elnMeeting(body), config);
  const tracker = new MemoryTracker();
  const trackerConfig = config.trackers[0];
  if (trackerConfig === undefined) throw new Error("no tracker");
  const clock = virtualClock();
  const options = {
    state: store.sync,
    config,
    trackers: [{ config: trackerConfig, tracker }],
    clock,
  };
  return { store, config, tracker, options, clock, sync: () => runSync(options) };
}

function markers(tracker: MemoryTracker): string[] {
  return tracker.issues.map((i) => findSyncId(i.body) ?? "none");
}

describe("runSync", () => {
  it("creates one issue per action, records decisions, and a second run writes nothing", async () => {
    const { tracker, sync } = setup();
    const [report] = await sync();
    // Two actions, one decision of its own (closed), one decision on #224... which does not exist
    // in the memory tracker, so that comment is a failure reported against the item.
    expect(tracker.issues.map((i) => i.title)).toEqual([
      "sgallagh to draft the policy",
      "yselkowitz to rebuild glibc",
      "enable x86_64-v3 builds in ELN (+4, 0, -0)",
    ]);
    expect(tracker.issues[2]?.state).toBe("closed");
    expect(tracker.issues[0]?.assignees).toEqual(["sgallagh"]);
    expect(report?.created).toBe(3);
    expect(report?.closed).toBe(1);
    expect(report?.failures.map((f) => f.error)).toEqual(["#224: 404 Not Found"]);
    expect(new Set(markers(tracker)).size).toBe(3);

    const writes = tracker.writes;
    const calls = tracker.calls.length;
    const [again] = await sync();
    // Only the failing decision comment is tried again.
    expect(tracker.writes - writes).toBe(1);
    expect(again?.created).toBe(0);
    expect(tracker.calls.slice(calls).filter((c) => c === "listIssues")).toHaveLength(1);
  });

  it("comments a decision on the issue its topic names", async () => {
    const { tracker, sync } = setup();
    // Make #224 exist: the first three issues are ours, so pre-create 224 dummy issues.
    for (let n = 1; n <= 224; n++)
      await tracker.createIssue({ title: `old ${String(n)}`, body: "", labels: [], assignees: [] });
    const [report] = await sync();
    expect(report?.failures).toEqual([]);
    expect(report?.commented).toBe(1);
    const comment = tracker.issues[223]?.comments[0]?.body ?? "";
    expect(comment).toContain("ask infra for the bots");
    expect(findSyncId(comment)).toMatch(/^sm1-/);
  });

  it("pulls a close made on the tracker home, and pushes a local done there", async () => {
    const { store, tracker, sync } = setup(BODY.slice(0, 3));
    await sync();
    tracker.touch(1, { state: "closed", closeReason: "completed" });
    const [report] = await sync();
    expect(report?.pulled).toBe(1);
    const actions = store.listItems({ kind: "action" });
    expect(actions.find((a) => a.text.startsWith("sgallagh"))?.status).toBe("done");
    expect(tracker.issues[0]?.state).toBe("closed");

    const other = actions.find((a) => a.text.startsWith("yselkowitz"));
    store.setItemStatus(other?.id ?? -1, "done");
    const [push] = await sync();
    expect(push?.closed).toBe(1);
    expect(tracker.issues[1]?.state).toBe("closed");

    tracker.touch(2, { state: "open", closeReason: null });
    await sync();
    expect(store.listItems({ kind: "action", open: true }).map((a) => a.text)).toEqual([
      "yselkowitz to rebuild glibc",
    ]);
  });

  it("closes the issue of an undone action as not planned, with a comment saying why", async () => {
    const { store, config, tracker, sync } = setup(BODY.slice(0, 3));
    await sync();
    importInto(store, elnMeeting([...BODY.slice(0, 3), "sgallagh: #undo"]), config, "y");
    const [report] = await sync();
    expect(report?.withdrawn).toBe(1);
    const issue = tracker.issues[1];
    expect(issue?.state).toBe("closed");
    expect(issue?.closeReason).toBe("not_planned");
    expect(issue?.comments.map((c) => c.body).join()).toContain(
      "no longer in the meeting's minutes",
    );
    const writes = tracker.writes;
    await sync();
    expect(tracker.writes).toBe(writes);
  });

  it("follows an item whose log line moved, without a second issue or a note", async () => {
    const { store, config, tracker, sync } = setup(BODY.slice(0, 4));
    await sync();
    const before = tracker.issues.map((i) => findSyncId(i.body));
    // A republished log with a line more above the items: every line number after it shifts.
    importInto(store, elnMeeting(["mattdm: hello all", ...BODY.slice(0, 4)]), config, "y");
    const [report] = await sync();
    console.log(
      JSON.stringify(report),
      JSON.stringify(
        store.sync.links().map((l) => [l.syncId, l.textHash, l.withdrawn, l.meetingKey]),
      ),
    );
    expect(report?.moved).toBe(3);
    expect(report?.created).toBe(0);
    expect(report?.withdrawn).toBe(0);
    expect(report?.updated).toBe(3);
    expect(tracker.issues).toHaveLength(3);
    const after = tracker.issues.map((i) => findSyncId(i.body));
    expect(after.every((id, i) => id !== before[i])).toBe(true);
    expect(tracker.issues.flatMap((i) => i.comments)).toEqual([]);
    const writes = tracker.writes;
    await sync();
    expect(tracker.writes).toBe(writes);
  });

  it("moves an item onto the line of a withdrawn one without mixing their issues", async () => {
    const a = "sgallagh: #action sgallagh to draft the policy";
    const b = "sgallagh: #action sgallagh to file the bug";
    const { store, config, tracker, sync } = setup([a, b]);
    await sync();
    // B is gone and a line above A shifts A onto B's old line (and so onto B's sync id).
    importInto(store, elnMeeting(["mattdm: hello all", a]), config, "y");
    const [report] = await sync();
    expect(report?.withdrawn).toBe(1);
    expect(report?.moved).toBe(1);
    expect(tracker.issues.map((i) => [i.title, i.state, i.closeReason])).toEqual([
      ["sgallagh to draft the policy", "open", null],
      ["sgallagh to file the bug", "closed", "not_planned"],
    ]);
    const links = store.sync.links().filter((l) => !l.withdrawn);
    expect(links.map((l) => l.number)).toEqual([1]);
    expect(findSyncId(tracker.issues[0]?.body ?? "")).toBe(links[0]?.syncId);
    const writes = tracker.writes;
    await sync();
    expect(tracker.writes).toBe(writes);
  });

  it("updates the issue when the action's line was edited, with a note", async () => {
    const { store, config, tracker, sync } = setup(BODY.slice(0, 2));
    await sync();
    const edited = [
      "sgallagh: #topic x86_64-v3",
      "sgallagh: #action sgallagh to draft the v3 policy",
    ];
    importInto(store, elnMeeting(edited), config, "y");
    const [report] = await sync();
    expect(report?.updated).toBe(1);
    expect(tracker.issues).toHaveLength(1);
    expect(tracker.issues[0]?.title).toBe("sgallagh to draft the v3 policy");
    expect(tracker.issues[0]?.comments[0]?.body).toContain("edited in the meeting");
  });

  it("adopts the issue after a 502 that followed the create: no duplicate", async () => {
    const { tracker, sync } = setup(BODY.slice(0, 2));
    tracker.inject("createIssue", "unknown-after-commit");
    const [report] = await sync();
    expect(tracker.issues).toHaveLength(1);
    expect(report?.adopted).toBe(1);
    expect(report?.failures).toEqual([]);
    await sync();
    expect(tracker.issues).toHaveLength(1);
  });

  it("creates again when the lost create never arrived", async () => {
    const { tracker, sync } = setup(BODY.slice(0, 2));
    tracker.inject("createIssue", "unknown-before-commit");
    const [first] = await sync();
    expect(tracker.issues).toHaveLength(0);
    expect(first?.failures).toHaveLength(1);
    await sync();
    expect(tracker.issues).toHaveLength(1);
  });

  it("finds issues by marker after the database was lost, instead of creating them again", async () => {
    const first = setup(BODY.slice(0, 3));
    await first.sync();
    const second = setup(BODY.slice(0, 3));
    const lost = {
      ...second.options,
      trackers: [{ ...second.options.trackers[0]!, tracker: first.tracker }],
    };
    const [report] = await runSync(lost);
    expect(first.tracker.issues).toHaveLength(2);
    expect(report?.adopted).toBe(2);
    expect(report?.created).toBe(0);
  });

  it("closes a second issue carrying the same marker as a duplicate", async () => {
    const { tracker, sync } = setup(BODY.slice(0, 2));
    await sync();
    const original = tracker.issues[0];
    await tracker.createIssue({
      title: "copy",
      body: original?.body ?? "",
      labels: ["meeting-action"],
      assignees: [],
    });
    const [report] = await sync();
    expect(report?.duplicatesClosed).toBe(1);
    expect(tracker.issues[1]?.state).toBe("closed");
    expect(tracker.issues[1]?.closeReason).toBe("duplicate");
    expect(tracker.issues[0]?.state).toBe("open");
  });

  it("stops at a secondary limit, keeps the rest for the next run", async () => {
    const { tracker, sync } = setup();
    tracker.inject("createIssue", "retry-later");
    const [report] = await sync();
    expect(report?.stoppedBecause).toContain("back off");
    expect(tracker.issues).toHaveLength(0);
    await sync();
    expect(tracker.issues).toHaveLength(3);
  });

  it("keeps to the hourly budget across runs and waits out the minute budget", async () => {
    const body = Array.from(
      { length: 30 },
      (_, i) => `sgallagh: #action sgallagh task ${String(i)}`,
    );
    const { tracker, sync, clock } = setup(body, {
      sync: { budget: { perMinute: 10, perHour: 25 } },
    });
    const [first] = await sync();
    expect(tracker.issues).toHaveLength(24); // 25 writes: 1 label + 24 creates
    expect(first?.deferred).toBeGreaterThan(0);
    expect(first?.stoppedBecause).toContain("hourly write budget");
    expect(clock.slept).toBeGreaterThanOrEqual(2 * 60_000);
    await clock.sleep(3_600_000);
    await sync();
    expect(tracker.issues).toHaveLength(30);
    expect(new Set(markers(tracker)).size).toBe(30);
  });

  it("plans without touching the tracker (--dry-run)", () => {
    const { tracker, options } = setup();
    const [plan] = planAll(options, [{ config: options.trackers[0]!.config, key: tracker.key }]);
    expect(plan?.map((o) => o.op)).toEqual(["create", "create", "create", "comment"]);
    expect(tracker.calls).toEqual([]);
  });

  it("leaves meetings before the tracker's `since` alone", async () => {
    const store = freshStore();
    const config = syncConfig();
    const base = config.trackers[0]!;
    importInto(store, elnMeeting(BODY.slice(0, 2)), config);
    const tracker = new MemoryTracker();
    await runSync({
      state: store.sync,
      config,
      trackers: [{ config: { ...base, since: "2025-01-01" }, tracker }],
      clock: virtualClock(),
    });
    expect(tracker.issues).toHaveLength(0);
  });
});
