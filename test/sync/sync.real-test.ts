import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findSyncId } from "../../src/render/issue-draft.ts";
import { openStore } from "../../src/store/open-store.ts";
import { elnMeeting, importInto, syncConfig } from "./fixtures.ts";

/**
 * `sigmeet sync` end to end against the real Pagure 5.14.1 (run by `npm run test:pagure`): the
 * real CLI creates, assigns and closes issues, brings a close made on Pagure home, and closes the
 * issue of an undone action as not planned. Each run uses a fresh label, so the tests sharing the
 * server do not see each other's issues.
 */
interface RunInfo {
  baseUrl: string;
  tokens: Record<string, string>;
}

const PROJECT = "fedora-sig/eln";
const info = JSON.parse(
  readFileSync(
    join(process.env["SIGMEET_CACHE"] ?? "/var/cache/sigmeet", "pagure-run", "pagure.json"),
    "utf8",
  ),
) as RunInfo;
const token = info.tokens[PROJECT] ?? "";
const main = resolve(import.meta.dirname, "../../src/cli/main.ts");
const dir = mkdtempSync(join(tmpdir(), "sigmeet-pagure-sync-"));
const label = `sm-${randomBytes(4).toString("hex")}`;
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const api = `${info.baseUrl}/api/0/${PROJECT}`;
async function pagure(
  path: string,
  form?: Record<string, string>,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${api}${path}`, {
    method: form === undefined ? "GET" : "POST",
    headers: { Authorization: `token ${token}` },
    ...(form === undefined ? {} : { body: new URLSearchParams(form) }),
  });
  return (await response.json()) as Record<string, unknown>;
}

interface PagureIssue {
  id: number;
  title: string;
  status: string;
  close_status: string | null;
  content: string;
  assignee: { name: string } | null;
  tags: string[];
  comments: { comment: string; notification: boolean }[];
}

async function ourIssues(): Promise<PagureIssue[]> {
  const page = await pagure(`/issues?status=all&tags=${label}&per_page=100`);
  return (page["issues"] as PagureIssue[]).sort((a, b) => a.id - b.id);
}

function sync(configPath: string, db: string, ...extra: string[]) {
  return spawnSync(process.execPath, [main, "-c", configPath, ...extra, "--db", db], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
}

describe("sigmeet sync against a real Pagure 5.14.1", () => {
  it("creates, brings a close home, and withdraws an undone action, each once", async () => {
    const db = join(dir, "sigmeet.db");
    const tokenFile = join(dir, "token");
    writeFileSync(tokenFile, `${token}\n`);
    const configPath = join(dir, "sigmeet.yaml");
    writeFileSync(
      configPath,
      [
        "identities: { alice: alice, sgallagh: sgallagh }",
        "accounts: { alice: { pagure: alice }, sgallagh: { pagure: sgallagh } }",
        "sync: { decisions: issue }",
        "trackers:",
        "  - type: pagure",
        "    match: { meetings: [eln] }",
        `    baseUrl: ${info.baseUrl}`,
        `    project: ${PROJECT}`,
        `    tokenFile: ${tokenFile}`,
        `    labels: { action: [${label}], decision: [${label}, decision] }`,
        "    minIntervalMs: 0",
        "",
      ].join("\n"),
    );
    const config = syncConfig({ identities: { alice: "alice", sgallagh: "sgallagh" } });
    const body = [
      "sgallagh: #action alice to rebuild the ELN compose",
      "sgallagh: #action sgallagh to draft the @everyone policy",
      "sgallagh: #agreed ELN builds x86_64-v3",
    ];
    const store = openStore(db);
    importInto(store, elnMeeting(body), config, "a");
    store.close();

    const first = sync(configPath, db, "sync");
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toContain(`${PROJECT} on Pagure: 3 created`);
    let issues = await ourIssues();
    expect(issues.map((i) => [i.title, i.status])).toEqual([
      ["alice to rebuild the ELN compose", "Open"],
      ["sgallagh to draft the @everyone policy", "Open"],
      ["ELN builds x86_64-v3", "Closed"],
    ]);
    expect(issues[0]?.assignee?.name).toBe("alice");
    // sgallagh has no Pagure account here: not assigned, and the run says nothing failed.
    expect(issues[1]?.assignee).toBeNull();
    expect(issues[1]?.content).not.toContain("@everyone");
    expect(new Set(issues.map((i) => findSyncId(i.content))).size).toBe(3);

    const again = sync(configPath, db, "sync");
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("nothing to do");
    expect(await ourIssues()).toHaveLength(3);

    // Someone closes alice's issue on Pagure: the action is done here after the next sync.
    const aliceIssue = issues[0]?.id ?? 0;
    await pagure(`/issue/${String(aliceIssue)}/status`, {
      status: "Closed",
      close_status: "Fixed",
    });
    const pulled = sync(configPath, db, "sync");
    expect(pulled.stdout).toContain("1 changed on the tracker and brought home");
    const status = sync(configPath, db, "status");
    expect(status.stdout).toMatch(/^done +closed +\S+\/issue\/\d+ +ACTION "alice to rebuild/m);

    // The chair undoes sgallagh's action: its issue is closed as not planned, with a comment.
    const undone = openStore(db);
    importInto(
      undone,
      elnMeeting([...body.slice(0, 2), "sgallagh: #undo", body[2] ?? ""]),
      config,
      "b",
    );
    undone.close();
    const withdrawn = sync(configPath, db, "sync");
    // The undo line moved the decision one line down: its issue follows it, none is created.
    expect(withdrawn.stdout).toContain("1 withdrawn");
    expect(withdrawn.stdout).toContain("1 moved to another log line");
    expect(withdrawn.stdout).not.toContain("created");
    issues = await ourIssues();
    expect(issues).toHaveLength(3);
    expect(issues[1]?.status).toBe("Closed");
    expect(issues[1]?.close_status).toBe("Won't fix");
    expect(
      issues[1]?.comments
        .filter((c) => !c.notification)
        .map((c) => c.comment)
        .join("\n"),
    ).toContain("no longer in the meeting's minutes");
  });
});
