import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.ts";
import { runSync } from "../../src/sync/run-sync.ts";
import { trackerKey } from "../../src/sync/tracker-target.ts";
import { MemoryTracker } from "../fakes/memory-tracker.ts";
import { send } from "../webhooks/http-client.ts";
import { GITHUB_SECRET, githubIssuesPayload, githubSignature } from "../webhooks/payloads.ts";
import { elnMeeting, importInto, syncConfig, virtualClock } from "./fixtures.ts";

/**
 * `sigmeet webhooks` end to end: the real CLI receives signed GitHub deliveries over HTTP and
 * brings an issue's close (and reopen) home to the SQLite store, once per delivery.
 */
const main = resolve(import.meta.dirname, "../../src/cli/main.ts");
const dir = mkdtempSync(join(tmpdir(), "sigmeet-webhooks-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function startCli(args: string[]) {
  const child = spawn(process.execPath, [main, ...args], {
    env: { ...process.env, SIGMEET_GITHUB_WEBHOOK_SECRET: GITHUB_SECRET, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const port = new Promise<number>((done, fail) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m?.[1] !== undefined) done(Number(m[1]));
    });
    child.on("exit", (code) => {
      fail(new Error(`sigmeet webhooks exited ${String(code)}: ${stderr}`));
    });
  });
  const exited = new Promise<number | null>((done) => child.on("exit", done));
  return { child, port, exited, stderr: () => stderr };
}

async function deliver(port: number, id: string, payload: object) {
  const body = JSON.stringify(payload);
  return send(port, "POST", "/webhooks/github", body, {
    "content-type": "application/json",
    "x-github-event": "issues",
    "x-github-delivery": id,
    "x-hub-signature-256": githubSignature(body),
  });
}

describe("sigmeet webhooks", () => {
  it("marks an action done when its issue is closed, once per delivery", async () => {
    const db = join(dir, "sigmeet.db");
    const config = syncConfig();
    const tracker = config.trackers[0];
    if (tracker === undefined) throw new Error("no tracker");
    const store = openStore(db);
    importInto(store, elnMeeting(["sgallagh: #action sgallagh to draft the policy"]), config);
    const memory = new MemoryTracker(trackerKey(tracker));
    await runSync({
      state: store.sync,
      config,
      trackers: [{ config: tracker, tracker: memory }],
      clock: virtualClock(),
    });
    expect(store.sync.links()).toHaveLength(1);
    store.close();

    const configPath = join(dir, "sigmeet.yaml");
    writeFileSync(
      configPath,
      [
        "trackers:",
        "  - { type: github, match: { meetings: [eln] }, owner: fedora-eln, repo: eln, tokenEnv: UNUSED }",
        "webhooks: { github: { secretEnv: SIGMEET_GITHUB_WEBHOOK_SECRET } }",
        "",
      ].join("\n"),
    );
    const cli = startCli(["-c", configPath, "webhooks", "--port", "0", "--db", db]);
    const port = await cli.port;
    const closed = githubIssuesPayload({
      action: "closed",
      state: "closed",
      number: 1,
      stateReason: "completed",
    });
    expect((await deliver(port, "d-1", closed)).status).toBe(200);
    const replay = await deliver(port, "d-1", closed);
    expect(replay.text).toContain("duplicate");
    const forged = await send(port, "POST", "/webhooks/github", JSON.stringify(closed), {
      "x-github-event": "issues",
      "x-github-delivery": "d-2",
      "x-hub-signature-256": githubSignature("something else"),
    });
    expect(forged.status).toBe(401);

    const check = openStore(db);
    expect(check.listItems({ kind: "action" })[0]?.status).toBe("done");
    check.close();

    const reopened = githubIssuesPayload({
      action: "reopened",
      state: "open",
      number: 1,
      stateReason: "reopened",
    });
    expect((await deliver(port, "d-3", reopened)).status).toBe(200);
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
    const after = openStore(db);
    expect(after.listItems({ kind: "action" })[0]?.status).toBe("open");
    after.close();
    expect(cli.stderr()).toContain("fedora-eln/eln#1 closed: state brought home");
    expect(cli.stderr()).not.toContain(GITHUB_SECRET);
  }, 30_000);
});
