import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findSyncId } from "../../src/render/issue-draft.ts";
import { openStore } from "../../src/store/open-store.ts";
import { GitHubFake } from "../fakes/github-fake.ts";
import { serveFetch, type HookAction, type Served } from "../fakes/serve-fetch.ts";
import { elnMeeting, importInto, syncConfig } from "./fixtures.ts";

/**
 * Exactly once under crashes: `sigmeet sync` runs as a child process against the GitHub fake (over
 * loopback HTTP) and is killed with SIGKILL at write boundaries: before a write reaches GitHub,
 * after GitHub committed it but before the answer (the window between the POST and the database
 * write), and right after the answer arrived. Then it runs again, and again, until a run
 * finishes. The tracker must end with exactly one issue per action.
 */
const main = resolve(import.meta.dirname, "../../src/cli/main.ts");
const ITEMS = 100;
const MODES: HookAction[] = ["drop-before", "drop-after-commit", "after-response"];
/**
 * Which write of a run is killed. Four positions against three modes (coprime) meet every mode at
 * every position within twelve runs; larger steps keep the number of child processes (about a
 * second of start-up each) near 30.
 */
const KILL_AT = [1, 2, 5, 8];

let dir: string;
let served: Served;
let fake: GitHubFake;
let child: ChildProcess | null = null;
/** Which write of the current run to kill at, and how. */
let killAt = 0;
let mode: HookAction = "pass";
let writes = 0;
const killed: string[] = [];

function runSync(
  configPath: string,
  db: string,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((done) => {
    const proc = spawn(process.execPath, [main, "-c", configPath, "sync", "--db", db], {
      env: {
        ...process.env,
        SIGMEET_GITHUB_TOKEN: "ghp_crashtest0000000000000000000000000000",
        NO_COLOR: "1",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child = proc;
    let stderr = "";
    proc.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    proc.on("exit", (code, signal) => {
      child = null;
      done({ code, signal, stderr });
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sigmeet-crash-"));
  fake = new GitHubFake({ owner: "fedora-eln", repo: "eln", assignable: ["sgallagh"] });
  served = await serveFetch(
    (request) => fake.fetch(request),
    (method) => {
      if (method === "GET" || killAt === 0) return "pass";
      writes++;
      return writes === killAt ? mode : "pass";
    },
    () => {
      killed.push(mode);
      child?.kill("SIGKILL");
    },
  );
});

afterAll(async () => {
  child?.kill("SIGKILL");
  await served.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("sync killed at write boundaries", () => {
  it(`ends with ${String(ITEMS)} of ${String(ITEMS)} items synced and no duplicate issue`, async () => {
    const db = join(dir, "sigmeet.db");
    const base = syncConfig();
    const store = openStore(db);
    const body = Array.from(
      { length: ITEMS },
      (_, i) => `sgallagh: #action sgallagh to do task ${String(i + 1)}`,
    );
    importInto(store, elnMeeting(body), base);
    store.close();
    const configPath = join(dir, "sigmeet.yaml");
    writeFileSync(
      configPath,
      [
        "identities: { sgallagh: sgallagh }",
        "accounts: { sgallagh: { github: sgallagh } }",
        "sync: { budget: { perMinute: 100000, perHour: 100000 } }",
        "trackers:",
        "  - type: github",
        "    match: { meetings: [eln] }",
        "    owner: fedora-eln",
        "    repo: eln",
        `    baseUrl: ${served.url}`,
        "    tokenEnv: SIGMEET_GITHUB_TOKEN",
        "    spaceWrites: false",
        "",
      ].join("\n"),
    );

    let runs = 0;
    let finished = false;
    for (; runs < 3 * ITEMS && !finished; runs++) {
      writes = 0;
      killAt = KILL_AT[runs % KILL_AT.length] ?? 1;
      mode = MODES[runs % MODES.length] ?? "pass";
      const result = await runSync(configPath, db);
      finished = result.signal === null;
      if (finished) expect(result.code, result.stderr).toBe(0);
    }
    expect(finished).toBe(true);
    expect(new Set(killed)).toEqual(new Set(MODES));

    killAt = 0;
    const last = await runSync(configPath, db);
    expect(last.code, last.stderr).toBe(0);

    const markers = fake.issues.map((i) => findSyncId(i.body ?? ""));
    expect(markers.filter((m) => m === null)).toEqual([]);
    expect(new Set(markers).size).toBe(markers.length); // no duplicates
    expect(fake.issues).toHaveLength(ITEMS);
    const check = openStore(db);
    try {
      expect(check.sync.links().filter((l) => l.kind === "issue")).toHaveLength(ITEMS);
      expect(check.sync.pendingOps(check.sync.links()[0]?.tracker ?? "")).toEqual([]);
    } finally {
      check.close();
    }
    // Sanity: the crashes really happened, in many runs.
    expect(killed.length).toBeGreaterThan(ITEMS / 8);
    console.log(`crash test: ${String(runs)} runs, ${String(killed.length)} killed`);
  }, 240_000);
});
