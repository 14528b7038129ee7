import { describe, expect, it } from "vitest";
import {
  createPagureTracker,
  type PagureTrackerOptions,
} from "../../../src/trackers/pagure/pagure-tracker.ts";
import { TrackerError } from "../../../src/trackers/tracker.ts";
import { PagureFake, type PagureFakeOptions } from "../../fakes/pagure-fake.ts";
import { describeTrackerContract } from "../contract.ts";

function setup(
  fakeOptions: PagureFakeOptions = {},
  trackerOptions: Partial<PagureTrackerOptions> = {},
) {
  const fake = new PagureFake(fakeOptions);
  const tracker = createPagureTracker({
    baseUrl: fake.baseUrl,
    project: fake.project,
    token: fake.token,
    fetch: fake.fetch,
    minIntervalMs: 0,
    ...trackerOptions,
  });
  return { fake, tracker };
}

const item = (title: string, extra: { labels?: string[]; assignees?: string[] } = {}) => ({
  title,
  body: `body of ${title}\n\n<!-- sigmeet:item sm1-0123456789abcdef01234567 -->`,
  labels: extra.labels ?? ["meeting-action"],
  assignees: extra.assignees ?? [],
});

/** The TrackerError a promise rejects with (fails the test if it resolves). */
async function failure(promise: Promise<unknown>): Promise<TrackerError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TrackerError);
    return error as TrackerError;
  }
  throw new Error("expected a TrackerError");
}

describeTrackerContract("Pagure adapter on the in-process fake", ({ perPage }) => {
  const { fake, tracker } = setup({}, { perPage });
  return Promise.resolve({
    tracker,
    assignable: "alice",
    unknownUser: "nosuchuser",
    nextSecond: () => {
      fake.advance(1000);
      return Promise.resolve();
    },
  });
});

describe("Pagure adapter", () => {
  it("names its target and identifies itself", async () => {
    const { fake, tracker } = setup({}, { baseUrl: "https://pagure.example/" });
    expect([tracker.type, tracker.key, tracker.label]).toEqual([
      "pagure",
      "pagure:https://pagure.example/fedora-sig/eln",
      "fedora-sig/eln on Pagure",
    ]);
    await tracker.getIssue(1);
    expect(fake.headers[0]?.get("authorization")).toBe(`token ${fake.token}`);
    expect(fake.headers[0]?.get("user-agent")).toMatch(/^sigmeet/);
  });

  it("refuses bad project names and page sizes up front", () => {
    expect(() => setup({}, { project: "a/b/c" })).toThrow(/namespace\/name/);
    expect(() => setup({}, { perPage: 101 })).toThrow(/1\.\.100/);
  });

  it("creates without an assignee, then checks and assigns the first existing login", async () => {
    const { fake, tracker } = setup();
    const created = await tracker.createIssue(
      item("Owners", { assignees: ["ghost", "alice", "bob", "alice"] }),
    );
    expect(created.issue.assignees).toEqual(["alice"]);
    expect(created.refusedAssignees).toEqual([
      { login: "ghost", reason: expect.stringMatching(/no Pagure user "ghost"/) as unknown },
      { login: "bob", reason: expect.stringMatching(/single assignee; alice was/) as unknown },
    ]);
    expect(fake.calls).toEqual([
      "POST /api/0/fedora-sig/eln/new_issue",
      "GET /api/0/user/ghost?per_page=1",
      "GET /api/0/user/alice?per_page=1",
      "POST /api/0/fedora-sig/eln/issue/1/assign",
    ]);
    // The assignee never goes to new_issue (an unknown one is an HTML 500 and no issue).
    expect(fake.issues[0]?.assignee).toBe("alice");
  });

  it("never fails a create over its assignee", async () => {
    const { fake, tracker } = setup();
    fake.injectFault(/\/assign$/, "server-error");
    const created = await tracker.createIssue(item("x", { assignees: ["alice", "bob"] }));
    expect(created.issue.number).toBe(1);
    expect(created.issue.assignees).toEqual([]);
    expect(created.refusedAssignees).toEqual([
      { login: "alice", reason: expect.stringMatching(/assignment failed.*HTTP 500/) as unknown },
      { login: "bob", reason: expect.stringMatching(/not tried/) as unknown },
    ]);

    fake.injectFault(/\/user\//, "hang");
    const slow = setup({}, { timeoutMs: 50 });
    slow.fake.injectFault(/\/user\//, "hang");
    const second = await slow.tracker.createIssue(item("y", { assignees: ["alice"] }));
    expect(second.refusedAssignees[0]?.reason).toMatch(/no answer within 0.05 s/);
  });

  it("never replaces an assignee set by hand; a retryable failure is thrown there", async () => {
    const { fake, tracker } = setup();
    const { issue } = await tracker.createIssue(item("x", { assignees: ["bob"] }));
    expect(await tracker.addAssignees(issue.number, ["alice", "bob"])).toEqual([
      {
        login: "alice",
        reason: expect.stringMatching(/single assignee and bob already is/) as unknown,
      },
    ]);
    expect((await tracker.getIssue(issue.number))?.assignees).toEqual(["bob"]);

    const other = await tracker.createIssue(item("y"));
    fake.injectFault(/\/assign$/, "server-error");
    const error = await failure(tracker.addAssignees(other.issue.number, ["alice"]));
    expect(error.outcome).toBe("retry-later");
    expect((await failure(tracker.addAssignees(99, ["alice"]))).outcome).toBe("rejected");
  });

  it("reports an unclear create or comment as unknown, never retrying it", async () => {
    const { fake, tracker } = setup();
    fake.injectFault(/new_issue$/, "500-after-commit");
    const html = await failure(tracker.createIssue(item("a")));
    expect([html.outcome, html.status]).toEqual(["unknown", 500]);
    expect(html.message).toMatch(
      /^Pagure create issue \(POST \/api\/0\/fedora-sig\/eln\/new_issue\) on fedora-sig\/eln on Pagure failed: HTTP 500 a non-JSON text\/html/,
    );
    fake.injectFault(/new_issue$/, "drop-after-commit");
    const dropped = await failure(tracker.createIssue(item("b")));
    expect([dropped.outcome, dropped.status]).toEqual(["unknown", null]);
    expect(dropped.message).toMatch(/could not reach Pagure \(fetch failed/);
    expect(fake.issues).toHaveLength(2); // both happened; the engine reconciles by marker

    fake.injectFault(/\/comment$/, "drop-after-commit");
    expect((await failure(tracker.comment(1, "hello"))).outcome).toBe("unknown");
    expect(fake.calls.filter((c) => c.endsWith("/comment"))).toHaveLength(1);

    const slow = setup({}, { timeoutMs: 30 });
    slow.fake.injectFault(/new_issue$/, "hang");
    const timedOut = await failure(slow.tracker.createIssue(item("c")));
    expect([timedOut.outcome, timedOut.message]).toEqual([
      "unknown",
      expect.stringMatching(/no answer within 0.03 s$/),
    ]);
  });

  it("reports server faults on reads and idempotent writes as retry-later", async () => {
    const { fake, tracker } = setup();
    await tracker.createIssue(item("a"));
    fake.injectFault(/issue\/1$/, "server-error");
    expect((await failure(tracker.getIssue(1))).outcome).toBe("retry-later");
    fake.injectFault(/\/status$/, "500-after-commit");
    expect((await failure(tracker.setState(1, "closed", "completed"))).outcome).toBe("retry-later");
    fake.injectFault(/\/issues$/, "hang");
    const slow = createPagureTracker({
      baseUrl: fake.baseUrl,
      project: fake.project,
      token: fake.token,
      fetch: fake.fetch,
      minIntervalMs: 0,
      timeoutMs: 20,
    });
    expect((await failure(slow.listIssues({}))).outcome).toBe("retry-later");
  });

  it("rejects 4xx answers with Pagure's error code, and never shows the token", async () => {
    const { fake, tracker } = setup({}, { token: "s3cr3t-token-value" });
    const error = await failure(tracker.createIssue(item("a")));
    expect([error.outcome, error.status]).toEqual(["rejected", 401]);
    expect(error.message).toMatch(/create issue .* on fedora-sig\/eln on Pagure failed: HTTP 401/);
    expect(error.message).toMatch(/EINVALIDTOK: Invalid or expired token.*\(Invalid token\)/);
    expect(error.message).not.toContain("s3cr3t-token-value");
    expect(fake.issues).toHaveLength(0);

    const good = setup();
    const invalid = await failure(good.tracker.createIssue({ ...item("x"), body: "" }));
    expect(invalid.outcome).toBe("rejected");
    expect(invalid.message).toMatch(/EINVALIDREQ.*issue_content/);
  });

  it("closes with the project's close statuses and reads them back", async () => {
    const { fake, tracker } = setup({ closeStatuses: ["Fixed", "Invalid", "Won't fix"] });
    const { issue } = await tracker.createIssue(item("a"));
    await tracker.setState(issue.number, "closed", "not_planned");
    expect(fake.issues[0]?.closeStatus).toBe("Won't fix");
    // No "Duplicate" here: a duplicate is closed as not planned, which is what it reads back as.
    await tracker.setState(issue.number, "closed", "duplicate", 7);
    expect(fake.issues[0]?.closeStatus).toBe("Won't fix");
    expect((await tracker.getIssue(issue.number))?.closeReason).toBe("not_planned");
    await tracker.setState(issue.number, "closed");
    expect(fake.issues[0]?.closeStatus).toBe("Fixed");
    // The project's list is read once.
    expect(fake.calls.filter((c) => c === "GET /api/0/fedora-sig/eln")).toHaveLength(1);
  });

  it("closes without a close status when the project has none that fits", async () => {
    const plain = setup({ closeStatuses: [] });
    await plain.tracker.createIssue(item("a"));
    await plain.tracker.setState(1, "closed", "completed");
    expect([plain.fake.issues[0]?.status, plain.fake.issues[0]?.closeStatus]).toEqual([
      "Closed",
      null,
    ]);
    expect((await plain.tracker.getIssue(1))?.closeReason).toBeNull();

    const onlyFixed = setup({ closeStatuses: ["Fixed"] });
    await onlyFixed.tracker.createIssue(item("a"));
    await onlyFixed.tracker.setState(1, "closed", "not_planned");
    expect(onlyFixed.fake.issues[0]?.closeStatus).toBeNull();
  });

  it("refuses to close as completed under a close status the project lacks", async () => {
    const { fake, tracker } = setup({}, { closeStatus: "Done" });
    await tracker.createIssue(item("a"));
    const error = await failure(tracker.setState(1, "closed", "completed"));
    expect(error.outcome).toBe("rejected");
    expect(error.message).toMatch(/"Done" is not one of the project's \("Fixed", "Won't fix"/);
    expect(fake.issues[0]?.status).toBe("Open");
  });

  it("reads close statuses it did not write as the webhook side does", async () => {
    const { fake, tracker } = setup({
      closeStatuses: ["Fixed", "Insufficient data", "Accepted", "Duplicate"],
    });
    await tracker.createIssue(item("a"));
    const reasons: unknown[] = [];
    for (const status of ["Insufficient data", "Accepted", "Duplicate", "Fixed"]) {
      fake.issues[0]!.status = "Closed";
      fake.issues[0]!.closeStatus = status;
      reasons.push((await tracker.getIssue(1))?.closeReason);
    }
    expect(reasons).toEqual(["not_planned", "completed", "duplicate", "completed"]);
  });

  it("creates missing tags, and leaves them to new_issue without modify_project", async () => {
    const { fake, tracker } = setup();
    expect(await tracker.ensureLabels(["meeting-action", "decision", "meeting-action"])).toBe(2);
    expect(fake.tags.get("decision")).toEqual({
      color: "#ededed",
      description: "used by sigmeet",
    });
    expect(await tracker.ensureLabels(["decision"])).toBe(0);

    const limited = setup({ acls: ["issue_create", "issue_comment", "issue_change_status"] });
    expect(await limited.tracker.ensureLabels(["meeting-action", "decision"])).toBe(0);
    expect(limited.fake.calls.filter((c) => c.endsWith("/tags/new"))).toHaveLength(1);
    const { issue } = await limited.tracker.createIssue(
      item("a", { labels: ["meeting-action", "decision"] }),
    );
    expect(issue.labels).toEqual(["decision", "meeting-action"]);

    const bad = await failure(tracker.ensureLabels(["!bad"]));
    expect([bad.outcome, bad.message]).toEqual(["rejected", expect.stringMatching(/EINVALIDREQ/)]);
  });

  it("lists every page itself, with status=all, the tag and `since` in seconds", async () => {
    const { fake, tracker } = setup({}, { perPage: 2 });
    for (let k = 0; k < 5; k++) await tracker.createIssue(item(`t${k}`));
    await tracker.setState(2, "closed", "completed");
    const listed = await tracker.listIssues({
      label: "meeting-action",
      since: "2026-11-26T09:00:00.900Z",
    });
    expect(listed.issues?.map((i) => i.number)).toEqual([1, 2, 3, 4, 5]);
    const lists = fake.calls.filter((c) => c.startsWith("GET /api/0/fedora-sig/eln/issues"));
    expect(lists).toEqual(
      [1, 2, 3].map(
        (page) =>
          `GET /api/0/fedora-sig/eln/issues?status=all&order=asc&per_page=2&tags=meeting-action&since=1795683600&page=${page}`,
      ),
    );
    expect((await tracker.listIssues({ label: "nothing" })).issues).toEqual([]);
    expect((await failure(tracker.listIssues({ since: "last week" }))).outcome).toBe("rejected");
  });

  it("leaves Pagure's metadata notes out of the comments", async () => {
    const { tracker } = setup();
    const { issue } = await tracker.createIssue(item("a", { assignees: ["alice"] }));
    await tracker.comment(issue.number, "first");
    await tracker.setState(issue.number, "closed", "completed");
    await tracker.comment(issue.number, "second");
    const comments = await tracker.listComments(issue.number);
    expect(comments.map((c) => c.body)).toEqual(["first", "second"]);
    expect(comments[0]?.createdAt).toMatch(/^2026-11-26T10:00:0\d\.\d{3}Z$/);
    expect((await failure(tracker.listComments(42))).outcome).toBe("rejected");
  });

  it("skips an edit that changes nothing", async () => {
    const { fake, tracker } = setup();
    await tracker.createIssue(item("a"));
    const same = await tracker.updateIssue(1, { title: "a" });
    expect(same.title).toBe("a");
    expect(fake.calls.filter((c) => c === "POST /api/0/fedora-sig/eln/issue/1")).toHaveLength(0);
    expect((await failure(tracker.updateIssue(9, { title: "b" }))).outcome).toBe("rejected");
  });

  it("sends one request at a time, spaced by minIntervalMs", async () => {
    const fake = new PagureFake();
    const starts: number[] = [];
    let inFlight = 0;
    let most = 0;
    const tracker = createPagureTracker({
      baseUrl: fake.baseUrl,
      project: fake.project,
      token: fake.token,
      minIntervalMs: 40,
      fetch: async (input, init) => {
        starts.push(Date.now());
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return fake.fetch(input, init);
      },
    });
    await Promise.all([tracker.getIssue(1), tracker.getIssue(2), tracker.getIssue(3)]);
    expect(most).toBe(1);
    for (let k = 1; k < starts.length; k++) {
      expect(starts[k]! - starts[k - 1]!).toBeGreaterThanOrEqual(38);
    }
  });
});
