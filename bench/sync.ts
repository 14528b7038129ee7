/**
 * `npm run bench:sync`: API calls of the tracker sync, counted at the HTTP layer, against the
 * GitHub fake (GitHub itself cannot be reached here; the fake answers as the OpenAPI description
 * says, with ETags and 304s as GitHub sends them). Runs the real engine and the real GitHub
 * adapter (Octokit with its plugins); only the clock is virtual, so the write budget's waits cost
 * no wall time. Prints figures; asserts nothing (targets are in docs/benchmarks.md).
 *
 *   1. 1,000 tracked items, nothing changed: a no-op sync (target 0 writes, ≤ 10 reads).
 *   2. 500 new items under the default budget (60/min, 400/h): creates, label calls, the
 *      budget's waits and how the rest carries over to a run an hour later.
 */
import { ConfigSchema } from "../src/config/schema.ts";
import { openStore } from "../src/store/open-store.ts";
import type { Store } from "../src/store/types.ts";
import { runSync } from "../src/sync/run-sync.ts";
import type { TrackerReport } from "../src/sync/sync-context.ts";
import { createGitHubTracker } from "../src/trackers/github/github-tracker.ts";
import { GitHubFake } from "../test/fakes/github-fake.ts";
import { elnMeeting, importInto, virtualClock } from "../test/sync/fixtures.ts";

interface Counted {
  reads: number;
  notModified: number;
  writes: number;
  byCall: Map<string, number>;
}

function counter(fake: GitHubFake): { fetch: typeof fetch; counts: Counted; reset(): void } {
  const counts: Counted = { reads: 0, notModified: 0, writes: 0, byCall: new Map() };
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const response = await fake.fetch(request);
    const path = new URL(request.url).pathname.replace(/\/\d+(?=\/|$)/g, "/{n}");
    const call = `${request.method} ${path} → ${String(response.status)}`;
    counts.byCall.set(call, (counts.byCall.get(call) ?? 0) + 1);
    if (request.method === "GET") counts.reads++;
    else counts.writes++;
    if (response.status === 304) counts.notModified++;
    return response;
  };
  return {
    fetch,
    counts,
    reset() {
      counts.reads = counts.notModified = counts.writes = 0;
      counts.byCall.clear();
    },
  };
}

function setup(actions: number, budget: { perMinute: number; perHour: number }) {
  const config = ConfigSchema.parse({
    identities: { sgallagh: "sgallagh" },
    accounts: { sgallagh: { github: "sgallagh" } },
    sync: { budget },
    trackers: [
      {
        type: "github",
        match: { meetings: ["eln"] },
        owner: "fedora-eln",
        repo: "eln",
        tokenEnv: "UNUSED",
      },
    ],
  });
  const store: Store = openStore(":memory:");
  // Meetings of 20 actions each, a day apart, owners mapped to a GitHub login.
  for (let m = 0; m * 20 < actions; m++) {
    const day = new Date(Date.UTC(2024, 0, 1) + m * 86_400_000).toISOString().slice(0, 10);
    const lines = Array.from(
      { length: Math.min(20, actions - m * 20) },
      (_, i) => `sgallagh: #action sgallagh to do task ${String(m * 20 + i + 1)}`,
    );
    importInto(store, elnMeeting(lines, day), config, `sha-${String(m)}`);
  }
  const fake = new GitHubFake({
    owner: "fedora-eln",
    repo: "eln",
    assignable: ["sgallagh"],
    validate: false,
  });
  const http = counter(fake);
  const clock = virtualClock();
  const trackerConfig = config.trackers[0];
  if (trackerConfig === undefined) throw new Error("no tracker");
  const cache = store.sync.httpCache();
  const sync = async (): Promise<{ report: TrackerReport; ms: number }> => {
    // A new adapter per run, as each `sigmeet sync` process makes one; the ETag cache persists.
    const tracker = createGitHubTracker({
      owner: "fedora-eln",
      repo: "eln",
      token: "ghp_bench",
      fetch: http.fetch,
      cache,
      pacing: { spaceWrites: false },
    });
    const start = performance.now();
    const [report] = await runSync({
      state: store.sync,
      config,
      trackers: [{ config: trackerConfig, tracker }],
      clock,
    });
    if (report === undefined) throw new Error("no report");
    return { report, ms: performance.now() - start };
  };
  return { store, fake, http, clock, sync };
}

function show(title: string, counts: Counted, extra: string): void {
  console.log(`\n${title}`);
  console.log(
    `  HTTP calls: ${String(counts.reads)} reads (${String(counts.notModified)} answered 304), ${String(counts.writes)} writes; ${extra}`,
  );
  for (const [call, n] of [...counts.byCall].sort((a, b) => b[1] - a[1]))
    console.log(`    ${String(n).padStart(5)}  ${call}`);
}

// 1. No-op sync over 1,000 tracked items.
{
  const b = setup(1000, { perMinute: 100_000, perHour: 100_000 });
  const first = await b.sync();
  if (b.fake.issues.length !== 1000)
    throw new Error(`expected 1000 issues, got ${String(b.fake.issues.length)}`);
  console.log(
    `setup: 1000 items synced (${String(first.report.created)} created) in ${(first.ms / 1000).toFixed(1)} s`,
  );
  // The run after a sync reads back what that sync wrote once (the cursor moves past it).
  b.http.reset();
  await b.sync();
  show("no-op sync #1 after the initial sync, 1000 tracked items", b.http.counts, "");
  b.http.reset();
  const second = await b.sync();
  show(
    "no-op sync #2 (the cursor reaches the newest update)",
    b.http.counts,
    `${second.ms.toFixed(0)} ms`,
  );
  for (let run = 3; run <= 4; run++) {
    b.http.reset();
    const noop = await b.sync();
    show(
      `no-op sync #${String(run)}, 1000 tracked items (steady state)`,
      b.http.counts,
      `${noop.ms.toFixed(0)} ms`,
    );
  }
  b.store.close();
}

// 2. 500 new items under the default budget.
{
  const b = setup(500, { perMinute: 60, perHour: 400 });
  const run1 = await b.sync();
  const created1 = b.fake.issues.length;
  const counts1 = { ...b.http.counts, byCall: new Map(b.http.counts.byCall) };
  show(
    "500 new items, run 1 (default budget 60/min, 400/h)",
    counts1,
    `${String(created1)} issues created, ${String(run1.report.deferred)} ops deferred, ` +
      `budget waits ${(b.clock.slept / 60_000).toFixed(1)} simulated min, ${(run1.ms / 1000).toFixed(1)} s wall`,
  );
  console.log(`  stopped: ${run1.report.stoppedBecause ?? "no"}`);
  b.http.reset();
  await b.clock.sleep(3_600_000);
  const run2 = await b.sync();
  show(
    "500 new items, run 2 one hour later",
    b.http.counts,
    `${String(b.fake.issues.length)} issues in all, ${String(run2.report.created)} created in this run`,
  );
  const totalWrites = counts1.writes + b.http.counts.writes;
  const totalReads = counts1.reads + b.http.counts.reads;
  console.log(
    `\ncalls per item over both runs: ${(totalWrites / 500).toFixed(3)} writes, ${(totalReads / 500).toFixed(3)} reads`,
  );
  const markers = new Set(b.fake.issues.map((i) => /sm1-[0-9a-f]{24}/.exec(i.body ?? "")?.[0]));
  console.log(
    `distinct items on the tracker: ${String(markers.size)} (duplicates: ${String(b.fake.issues.length - markers.size)})`,
  );
  b.store.close();
}
