import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { elnMeeting, importInto, syncConfig } from "../sync/fixtures.ts";
import { sigmeet } from "./run-cli.ts";

/** `sigmeet sync --dry-run`, `sigmeet status` and their refusals, through the real CLI. */
let dir: string;
let db: string;
let config: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "sigmeet-sync-cli-"));
  db = join(dir, "sigmeet.db");
  const store = openStore(db);
  importInto(
    store,
    elnMeeting([
      "sgallagh: #action sgallagh to draft the policy",
      "sgallagh: #agreed enable x86_64-v3 builds",
      "sgallagh: #agreed close https://github.com/fedora-eln/eln/issues/224 as done",
    ]),
    syncConfig(),
  );
  store.close();
  config = join(dir, "sigmeet.yaml");
  writeFileSync(
    config,
    [
      "identities: { sgallagh: sgallagh }",
      "accounts: { sgallagh: { github: sgallagh } }",
      "trackers:",
      "  - { type: github, match: { meetings: [eln] }, owner: fedora-eln, repo: eln, tokenEnv: SIGMEET_TEST_NO_SUCH_TOKEN }",
      "",
    ].join("\n"),
  );
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("sigmeet sync", () => {
  it("--dry-run prints the plan and needs neither a token nor the network", () => {
    const r = sigmeet(["-c", config, "sync", "--dry-run", "--db", db]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("fedora-eln/eln on GitHub: 3 operations planned");
    expect(r.stdout).toMatch(
      /create +ACTION "sgallagh to draft the policy" \(eln, 2024-01-02 line \d+\)/,
    );
    expect(r.stdout).toMatch(/create +AGREED "enable x86_64-v3 builds"/);
    expect(r.stdout).toMatch(
      /comment +AGREED "close https:\/\/github.com\/fedora-eln\/eln\/issues\/224 as done" .*→ #224/,
    );
  });

  it("names the missing token's variable, and never writes", () => {
    const r = sigmeet(["-c", config, "sync", "--db", db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      "trackers.0.tokenEnv: environment variable SIGMEET_TEST_NO_SUCH_TOKEN is not set",
    );
  });

  it("refuses to run while another sync holds the database", () => {
    const store = openStore(db);
    const live = `pid ${String(process.pid)} on ${hostname()} since ${new Date().toISOString()}`;
    expect(store.sync.takeSyncLock(live, () => false)).toBeNull();
    store.close();
    // With a token, so that the run gets as far as the lock (which comes before any request).
    const busy = sigmeet(["-c", config, "sync", "--db", db], {
      env: { SIGMEET_TEST_NO_SUCH_TOKEN: "ghp_unused" },
    });
    expect(busy.status).toBe(1);
    expect(busy.stderr).toContain(`another sigmeet sync is running on ${db} (${live})`);

    const again = openStore(db);
    again.sync.releaseSyncLock(live);
    again.close();
  });

  it("says so when no tracker is configured", () => {
    const empty = join(dir, "empty.yaml");
    writeFileSync(empty, "db: x.db\n");
    const r = sigmeet(["-c", empty, "sync", "--db", db]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("trackers: none configured");
  });
});

describe("sigmeet status", () => {
  it("lists every tracked item, unsynced until a sync ran", () => {
    const r = sigmeet(["-c", config, "status", "--db", db]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^HERE +TRACKER +ISSUE +ITEM/);
    expect(lines.slice(1)).toHaveLength(3);
    expect(lines[1]).toMatch(/^open +unsynced +- +ACTION "sgallagh to draft the policy"/);
    expect(r.stderr).toContain("0 of 3 items synced");
    const json = sigmeet(["-c", config, "status", "--json", "--db", db]);
    const first = JSON.parse(json.stdout.split("\n")[0] ?? "{}") as Record<string, unknown>;
    expect(first).toMatchObject({ kind: "action", status: "open", url: null, trackerState: null });
  });
});
