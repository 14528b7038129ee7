import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import type { Fault } from "../../fakes/github-fake.ts";
import { count, failure, item, REPO, SECOND_MS, setup, TOKEN } from "./setup.ts";

const CREATE = /^POST \/repos\/fedora-eln\/eln\/issues$/;
const COMMENT = /^POST \/repos\/fedora-eln\/eln\/issues\/\d+\/comments$/;
const LIST = /^GET \/repos\/fedora-eln\/eln\/issues$/;

// GitHub has no idempotency key: a create that was re-sent after an ambiguous failure makes a
// duplicate issue. These tests pin that ambiguity is reported ("unknown"), never retried.
describe("GitHub adapter: ambiguous failures of creating calls", () => {
  it.each<[Fault, number | null]>([
    ["502-after-commit", 502],
    ["drop-after-commit", null],
  ])("%s on create → unknown, and exactly one issue exists", async (fault, status) => {
    const { fake, tracker } = setup();
    fake.injectFault(CREATE, fault);
    const error = await failure(tracker.createIssue(item("once")));
    expect([error.outcome, error.status]).toEqual(["unknown", status]);
    expect(error.message).toMatch(/^creating an issue in fedora-eln\/eln: .*may or may not/);
    expect(fake.issues).toHaveLength(1);
    expect(count(fake, `POST ${REPO}/issues`)).toBe(1);
  });

  it("a create that gets no answer before the timeout → unknown, one attempt", async () => {
    const { fake, tracker } = setup({ timeoutMs: 50 });
    fake.injectFault(CREATE, "timeout-after-commit");
    const error = await failure(tracker.createIssue(item("slow")));
    expect(error.outcome).toBe("unknown");
    expect(error.message).toContain("no answer before the timeout");
    expect(fake.issues).toHaveLength(1);
    fake.injectFault(CREATE, "timeout");
    expect((await failure(tracker.createIssue(item("lost")))).outcome).toBe("unknown");
    expect(fake.issues).toHaveLength(1);
    expect(count(fake, `POST ${REPO}/issues`)).toBe(2);
  });

  it("502 after a comment was written → unknown, and exactly one comment", async () => {
    const { fake, tracker } = setup();
    await tracker.createIssue(item("discussed"));
    fake.injectFault(COMMENT, "502-after-commit");
    expect((await failure(tracker.comment(1, "Decided: yes"))).outcome).toBe("unknown");
    expect(fake.issues[0]?.comments.map((c) => c.body)).toEqual(["Decided: yes"]);
  });

  it("a timed-out read is retried, and reported retry-later when it keeps timing out", async () => {
    const { fake, tracker } = setup({ timeoutMs: 30 });
    await tracker.createIssue(item("a"));
    fake.injectFault(LIST, "timeout", { times: 2 });
    expect((await tracker.listIssues({})).issues).toHaveLength(1);
    fake.injectFault(LIST, "timeout", { times: 4 });
    const error = await failure(tracker.listIssues({}));
    expect([error.outcome, error.status]).toEqual(["retry-later", null]);
  });
});

describe("GitHub adapter: rate limits", () => {
  it.each<Fault>(["secondary-limit", "too-many-requests"])(
    "%s on create: waits Retry-After, then creates exactly one issue",
    async (fault) => {
      const { fake, tracker, lines } = setup();
      fake.injectFault(CREATE, fault, { retryAfterS: 2 });
      const started = performance.now();
      const created = await tracker.createIssue(item("limited"));
      expect(performance.now() - started).toBeGreaterThanOrEqual(2 * SECOND_MS - 1);
      expect(created.issue.number).toBe(1);
      expect(fake.issues).toHaveLength(1);
      expect(count(fake, `POST ${REPO}/issues`)).toBe(2);
      expect(lines).toEqual([
        "GitHub secondary rate limit on POST /repos/{owner}/{repo}/issues: waiting 2 s (retry 1 of 2)",
      ]);
    },
  );

  it("429 on a read: waits the Retry-After GitHub names, not plugin-retry's backoff", async () => {
    const { fake, tracker, lines } = setup();
    fake.injectFault(LIST, "too-many-requests", { retryAfterS: 3 });
    const started = performance.now();
    expect((await tracker.listIssues({})).issues).toEqual([]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * SECOND_MS - 1);
    expect(lines).toHaveLength(1);
  });

  it("a limit that outlasts two retries → retry-later with GitHub's wait, nothing created", async () => {
    const { fake, tracker } = setup();
    fake.injectFault(CREATE, "secondary-limit", { times: 3, retryAfterS: 1 });
    const error = await failure(tracker.createIssue(item("limited")));
    expect([error.outcome, error.status, error.retryAfterS]).toEqual(["retry-later", 403, 1]);
    expect(error.message).toMatch(/secondary rate limit/);
    expect(fake.issues).toHaveLength(0);
    expect(count(fake, `POST ${REPO}/issues`)).toBe(3);
  });

  it("waits out an exhausted primary limit that resets soon", async () => {
    const { fake, tracker, lines } = setup();
    fake.injectFault(LIST, "rate-limit", { resetInS: 0 });
    expect((await tracker.listIssues({})).issues).toEqual([]);
    expect(lines[0]).toMatch(/^GitHub primary rate limit on GET .*: waiting [01] s/);
  });

  it("does not sit out a long wait: retry-later at once, with the wait", async () => {
    const { fake, tracker } = setup();
    fake.injectFault(LIST, "rate-limit", { resetInS: 3600 });
    const error = await failure(tracker.listIssues({}));
    expect(error.outcome).toBe("retry-later");
    expect(error.retryAfterS).toBeGreaterThanOrEqual(3600);
    expect(error.retryAfterS).toBeLessThanOrEqual(3602);
    expect(count(fake, `GET ${REPO}/issues`)).toBe(1);
    // A secondary limit without Retry-After means "at least a minute".
    const short = setup({ pacing: { secondMs: SECOND_MS, spaceWrites: false, maxWaitS: 30 } });
    short.fake.injectFault(CREATE, "secondary-limit", { retryAfterS: null });
    const limited = await failure(short.tracker.createIssue(item("x")));
    expect([limited.outcome, limited.retryAfterS]).toEqual(["retry-later", 60]);
    expect(short.fake.issues).toHaveLength(0);
  });
});

describe("GitHub adapter: server errors", () => {
  it("retries a read through a short 5xx storm", async () => {
    const { fake, tracker } = setup();
    await tracker.createIssue(item("a"));
    fake.injectFault(LIST, "bad-gateway", { times: 2 });
    fake.injectFault(LIST, "unavailable");
    expect((await tracker.listIssues({})).issues).toHaveLength(1);
    expect(count(fake, `GET ${REPO}/issues`)).toBe(4);
  });

  it("a storm longer than the retries → retry-later for a read, unknown for a write", async () => {
    const { fake, tracker } = setup();
    await tracker.createIssue(item("a"));
    fake.injectFault(LIST, "unavailable", { times: 4 });
    const read = await failure(tracker.listIssues({}));
    expect([read.outcome, read.status]).toEqual(["retry-later", 503]);
    expect(read.message).toBe("listing the issues of fedora-eln/eln: 503 Service Unavailable");
    // An idempotent write (PATCH) is retried too; when all attempts fail, it may have happened.
    fake.injectFault(/^PATCH /, "server-error", { times: 4 });
    const write = await failure(tracker.updateIssue(1, { title: "b" }));
    expect([write.outcome, write.status]).toEqual(["unknown", 500]);
    expect(count(fake, `PATCH ${REPO}/issues/1`)).toBe(4);
    fake.injectFault(/^PATCH /, "bad-gateway");
    expect((await tracker.updateIssue(1, { title: "c" })).title).toBe("c");
  });

  it("a 5xx while checking an assignee fails the create before anything is written", async () => {
    const { fake, tracker } = setup();
    fake.injectFault(/\/assignees\//, "unavailable", { times: 4 });
    const error = await failure(tracker.createIssue(item("a", { assignees: ["sgallagh"] })));
    expect(error.outcome).toBe("retry-later");
    expect(error.message).toMatch(/^checking whether sgallagh can be assigned/);
    expect(count(fake, `POST ${REPO}/issues`)).toBe(0);
  });
});

describe("GitHub adapter: the token", () => {
  it("never appears in an error, its cause, or a log line", async () => {
    const { fake, tracker, lines } = setup({ timeoutMs: 30 });
    const errors: unknown[] = [];
    const faults: Fault[] = [
      "502-after-commit",
      "drop-after-commit",
      "timeout",
      "server-error",
      "rate-limit",
    ];
    for (const fault of faults) {
      fake.injectFault(CREATE, fault, { resetInS: 3600 });
      errors.push(await tracker.createIssue(item("x")).catch((e: unknown) => e));
    }
    fake.injectFault(CREATE, "secondary-limit", { times: 3 });
    errors.push(await tracker.createIssue(item("x")).catch((e: unknown) => e));
    errors.push(await tracker.createIssue(item("")).catch((e: unknown) => e));
    expect(errors.every((e) => e instanceof Error)).toBe(true);
    for (const error of errors) {
      expect(inspect(error, { depth: 8 })).not.toContain(TOKEN);
      expect(JSON.stringify(error)).not.toContain(TOKEN);
    }
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain(TOKEN);
  });
});
