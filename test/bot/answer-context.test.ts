import { describe, expect, it } from "vitest";
import { COMMANDS, findCommand } from "../../commands/index.ts";
import { followUpReview } from "../../commands/format.ts";
import { roomAnswerContext } from "../../src/bot/answer-context.ts";
import { foldMeetings } from "../../src/core/fold-meeting.ts";
import { aliasMap, ownersOf } from "../../src/core/owners.ts";
import { openStore } from "../../src/store/open-store.ts";
import { runSync } from "../../src/sync/run-sync.ts";
import { trackerKey } from "../../src/sync/tracker-target.ts";
import { lines } from "../core/lines.ts";
import { MemoryTracker } from "../fakes/memory-tracker.ts";
import { syncConfig, virtualClock } from "../sync/fixtures.ts";

const ROOM = "#eln:fedoraproject.org";

function storeWith(room: string, body: string[], sha: string, store = openStore(":memory:")) {
  const [meeting] = foldMeetings(
    lines("@sgallagh:fedora.im: !startmeeting ELN", ...body, "@sgallagh:fedora.im: !endmeeting"),
    { era: "matrix", channel: room, dialect: "sigmeet" },
  );
  if (meeting === undefined) throw new Error("no meeting");
  const aliases = aliasMap({ "@sgallagh:fedora.im": "sgallagh" });
  store.importMeeting(meeting, { path: "live", sha256: sha }, (i) =>
    ownersOf(i, meeting.attendees, aliases),
  );
  return store;
}

describe("the room's answer context over the store", () => {
  it("lists, marks done and searches only this room's items, with their issues", async () => {
    const store = storeWith(
      ROOM,
      [
        "@sgallagh:fedora.im: !action @sgallagh:fedora.im to draft the policy",
        "@sgallagh:fedora.im: !agreed enable x86_64-v3 builds",
      ],
      "a",
    );
    storeWith(
      "#other:fedoraproject.org",
      [
        "@sgallagh:fedora.im: !action sgallagh elsewhere",
        "@sgallagh:fedora.im: !agreed x86_64-v3 elsewhere",
      ],
      "b",
      store,
    );
    const config = syncConfig({
      trackers: [
        {
          type: "github",
          match: { rooms: [ROOM] },
          owner: "fedora-eln",
          repo: "eln",
          tokenEnv: "T",
        },
      ],
    });
    const trackerConfig = config.trackers[0]!;
    await runSync({
      state: store.sync,
      config,
      trackers: [{ config: trackerConfig, tracker: new MemoryTracker(trackerKey(trackerConfig)) }],
      clock: virtualClock(),
    });

    const ctx = (arg = "") =>
      roomAnswerContext({
        store,
        room: ROOM,
        arg,
        sender: "@sgallagh:fedora.im",
        commands: COMMANDS,
        sync: () => Promise.resolve("ok"),
      });
    const open = ctx().openActions();
    expect(open.map((a) => [a.text, a.issue?.state])).toEqual([
      ["@sgallagh:fedora.im to draft the policy", "open"],
    ]);
    expect(followUpReview(open)).toContain("[issue](https://tracker.test/repo/issues/1) open");
    expect(
      ctx()
        .findDecisions("x86_64-v3")
        .map((d) => d.text),
    ).toEqual(["enable x86_64-v3 builds"]);

    const other = store.listItems({ kind: "action" }).find((r) => r.channel !== ROOM);
    expect(await findCommand("done")?.answer?.(ctx(String(other?.id)))).toContain(
      "no open action item",
    );
    expect(await findCommand("done")?.answer?.(ctx(String(open[0]?.id)))).toContain("Done");
    expect(ctx().openActions()).toEqual([]);
    expect(followUpReview([])).toBe("No open action items from earlier meetings.");
    store.close();
  });
});
