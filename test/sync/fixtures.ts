import { ConfigSchema, type Config } from "../../src/config/schema.ts";
import { foldMeetings } from "../../src/core/fold-meeting.ts";
import type { Meeting } from "../../src/core/meeting.ts";
import { aliasMap, ownersOf } from "../../src/core/owners.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/types.ts";
import type { BudgetClock } from "../../src/sync/budget.ts";
import { lines } from "../core/lines.ts";

/** A sync config with one GitHub tracker for the meeting named `eln`. */
export function syncConfig(overrides: Record<string, unknown> = {}): Config {
  return ConfigSchema.parse({
    identities: { sgallagh: "sgallagh", yselkowitz: "yselkowitz" },
    accounts: { sgallagh: { github: "sgallagh" }, yselkowitz: { github: "yselkowitz" } },
    trackers: [
      {
        type: "github",
        match: { meetings: ["eln"] },
        owner: "fedora-eln",
        repo: "eln",
        tokenEnv: "SIGMEET_GITHUB_TOKEN",
      },
    ],
    ...overrides,
  });
}

/** An ELN meeting (IRC era) whose lines after the start are `body`. */
export function elnMeeting(body: string[], day = "2024-01-02"): Meeting {
  const ls = lines(
    "sgallagh: #startmeeting ELN (2024-01-02)",
    "sgallagh: #meetingname eln",
    "sgallagh: #chair yselkowitz",
    ...body,
    "sgallagh: #endmeeting",
  ).map((l) => ({ ...l, date: day }));
  const [meeting] = foldMeetings(ls, { era: "irc", channel: "#fedora-meeting" });
  if (meeting === undefined) throw new Error("no meeting folded");
  return meeting;
}

export function importInto(store: Store, meeting: Meeting, config: Config, sha = "x"): void {
  const aliases = aliasMap(config.identities);
  store.importMeeting(meeting, { path: "eln.log.txt", sha256: sha }, (item) =>
    ownersOf(item, meeting.attendees, aliases),
  );
}

export function freshStore(): Store {
  return openStore(":memory:");
}

/** A clock that never really sleeps: time jumps instead. */
export function virtualClock(start = Date.UTC(2026, 10, 26, 10, 0, 0)): BudgetClock & {
  slept: number;
} {
  let now = start;
  const clock = {
    slept: 0,
    now: () => now,
    sleep: (ms: number) => {
      now += ms;
      clock.slept += ms;
      return Promise.resolve();
    },
  };
  return clock;
}
