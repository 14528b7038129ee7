import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createPagureTracker } from "../../../src/trackers/pagure/pagure-tracker.ts";
import { TrackerError } from "../../../src/trackers/tracker.ts";
import { describeTrackerContract } from "../contract.ts";
import { describePagureQuirks } from "./pagure-quirks.ts";

/**
 * The real-Pagure tier: the tracker contract, the Pagure behaviours the fake copies, and a few
 * checks only a real server can answer, against the Pagure 5.14.1 that scripts/pagure/start.sh
 * runs on loopback. Run through `npm run test:pagure`, which starts and stops the server.
 */

interface RunInfo {
  baseUrl: string;
  tokens: Record<string, string>;
  limitedTokens?: Record<string, string>;
  users: string[];
}

const PROJECT = "fedora-sig/eln";
const infoPath = join(
  process.env["SIGMEET_CACHE"] ?? "/var/cache/sigmeet",
  "pagure-run",
  "pagure.json",
);

function runInfo(): RunInfo {
  if (!existsSync(infoPath)) {
    throw new Error(
      `no ${infoPath}: the real Pagure is not running. Run this tier with \`npm run test:pagure\` (as root).`,
    );
  }
  return JSON.parse(readFileSync(infoPath, "utf8")) as RunInfo;
}

const info = runInfo();
const token = info.tokens[PROJECT] ?? "";

beforeAll(async () => {
  // A pagure.json left from an earlier run says nothing about a server now: ask it.
  const answer = await fetch(`${info.baseUrl}/api/0/-/version`).catch((error: unknown) => {
    throw new Error(
      `no Pagure answers at ${info.baseUrl} (${String(error)}): run this tier with \`npm run test:pagure\`, which starts it`,
    );
  });
  expect(await answer.json()).toEqual({ version: "0.31" });
  expect(token).toMatch(/^\w{64}$/);
});

function tracker(options: { perPage?: number; project?: string; token?: string } = {}) {
  const project = options.project ?? PROJECT;
  return createPagureTracker({
    baseUrl: info.baseUrl,
    project,
    token: options.token ?? info.tokens[project] ?? "",
    // Loopback: no need for pagure.io's one request a second.
    minIntervalMs: 0,
    timeoutMs: 30_000,
    ...(options.perPage === undefined ? {} : { perPage: options.perPage }),
  });
}

describeTrackerContract(
  "Pagure adapter on a real Pagure 5.14.1",
  ({ perPage }) =>
    Promise.resolve({
      tracker: tracker({ perPage }),
      assignable: "alice",
      unknownUser: "nosuchuser",
    }),
  { timeoutMs: 120_000 },
);

describePagureQuirks(
  "a real Pagure 5.14.1",
  () =>
    Promise.resolve({
      fetch,
      baseUrl: info.baseUrl,
      project: PROJECT,
      token,
      bot: "sigmeet-bot",
      user: "alice",
    }),
  { timeoutMs: 120_000 },
);

describe("Pagure adapter on a real Pagure 5.14.1, beyond the contract", () => {
  it("creates tags with modify_project, and lets new_issue make them without", async () => {
    const full = tracker();
    const [one, two] = [freshTag(), freshTag()];
    expect(await full.ensureLabels([one, two])).toBe(2);
    expect(await full.ensureLabels([one, two])).toBe(0);
    const tag = await fetch(`${info.baseUrl}/api/0/${PROJECT}/tag/${one}`);
    expect(await tag.json()).toMatchObject({ tag: one, tag_color: "#ededed" });

    const limitedToken = info.limitedTokens?.[PROJECT];
    expect(limitedToken, "seed.py writes limitedTokens").toMatch(/^\w{64}$/);
    const limited = tracker({ token: limitedToken! });
    const three = freshTag();
    expect(await limited.ensureLabels([three])).toBe(0);
    const { issue } = await limited.createIssue({
      title: "tags made on first use",
      body: "x",
      labels: [three, one],
      assignees: [],
    });
    expect([...issue.labels].sort()).toEqual([three, one].sort());
    const tags = (await (await fetch(`${info.baseUrl}/api/0/${PROJECT}/tags`)).json()) as {
      tags: string[];
    };
    expect(tags.tags).toContain(three);
  });

  it("has one assignee per issue", async () => {
    const t = tracker();
    const created = await t.createIssue({
      title: "two owners",
      body: "x",
      labels: [],
      assignees: ["alice", "bob"],
    });
    expect(created.issue.assignees).toEqual(["alice"]);
    expect(created.refusedAssignees).toEqual([
      { login: "bob", reason: expect.stringMatching(/single assignee/) as unknown },
    ]);
    expect((await t.getIssue(created.issue.number))?.assignees).toEqual(["alice"]);
  });

  it("works on a project without a namespace", async () => {
    const t = tracker({ project: "demo" });
    const { issue } = await t.createIssue({
      title: "in demo",
      body: "x",
      labels: ["meeting"],
      assignees: [],
    });
    expect(issue.url).toBe(`${info.baseUrl}/demo/issue/${issue.number}`);
    expect((await t.getIssue(issue.number))?.title).toBe("in demo");
    expect(t.key).toBe(`pagure:${info.baseUrl}/demo`);
  });

  it("rejects another project's token, without showing it", async () => {
    const demoToken = info.tokens["demo"] ?? "";
    const t = tracker({ token: demoToken });
    const error = await t.comment(1, "x").then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrackerError);
    const e = error as TrackerError;
    expect([e.outcome, e.status]).toEqual(["rejected", 401]);
    expect(e.message).toMatch(
      /comment on issue #1 .* on fedora-sig\/eln on Pagure failed: HTTP 401 EINVALIDTOK/,
    );
    expect(e.message).not.toContain(demoToken);
  });

  it("reports an unreachable server as retry-later for reads and unknown for creates", async () => {
    const gone = createPagureTracker({
      baseUrl: "http://127.0.0.1:9",
      project: PROJECT,
      token,
      minIntervalMs: 0,
    });
    const read = await gone.getIssue(1).catch((e: unknown) => e as TrackerError);
    expect((read as TrackerError).outcome).toBe("retry-later");
    const create = await gone
      .createIssue({ title: "x", body: "x", labels: [], assignees: [] })
      .catch((e: unknown) => e as TrackerError);
    expect((create as TrackerError).outcome).toBe("unknown");
    expect((create as TrackerError).message).not.toContain(token);
  });
});

function freshTag(): string {
  return `sm-real-${randomBytes(4).toString("hex")}`;
}
