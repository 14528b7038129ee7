import { describe, expect, it } from "vitest";
import { createGitHubTracker } from "../../../src/trackers/github/github-tracker.ts";
import { count, failure, item, REPO, SECOND_MS, setup, TOKEN } from "./setup.ts";

// ETags let a polling sync see "nothing changed" for free: a 304 costs no rate-limit quota.
describe("GitHub adapter: conditional requests", () => {
  it("answers a repeated listing with null after one free 304 read", async () => {
    const { fake, tracker } = setup({ perPage: 2 });
    for (const title of ["a", "b", "c"]) await tracker.createIssue(item(title));
    expect((await tracker.listIssues({ label: "meeting-action" })).issues).toHaveLength(3);
    const [calls, quota] = [fake.calls.length, fake.quotaUsed];
    expect(await tracker.listIssues({ label: "meeting-action" })).toEqual({ issues: null });
    expect(fake.calls.length - calls).toBe(1); // page 1 only
    expect(fake.answers.at(-1)).toEqual({ call: `GET ${REPO}/issues`, status: 304 });
    expect(fake.quotaUsed).toBe(quota);
  });

  it("lists everything again after any matching issue changed, even one beyond page 1", async () => {
    const { fake, tracker } = setup({ perPage: 2 });
    for (const title of ["a", "b", "c"]) await tracker.createIssue(item(title));
    await tracker.listIssues({ label: "meeting-action" });
    fake.touch(1, "a, edited on github.com"); // issue 1 was on page 2 (oldest update)
    const { issues } = await tracker.listIssues({ label: "meeting-action" });
    expect(issues?.map((i) => i.title)).toEqual(["a, edited on github.com", "c", "b"]);
    expect(await tracker.listIssues({ label: "meeting-action" })).toEqual({ issues: null });
  });

  it("keeps one ETag per listing: another label or since is another URL", async () => {
    const { tracker } = setup();
    await tracker.createIssue(item("a", { labels: ["meeting-action", "decision"] }));
    await tracker.listIssues({ label: "meeting-action" });
    expect((await tracker.listIssues({ label: "decision" })).issues).toHaveLength(1);
    const since = "2026-01-01T00:00:00Z";
    expect((await tracker.listIssues({ label: "decision", since })).issues).toHaveLength(1);
    expect((await tracker.listIssues({ label: "decision", since })).issues).toBeNull();
  });

  it("does not remember page 1 when a later page failed", async () => {
    const { fake, tracker } = setup({ perPage: 2 });
    for (const title of ["a", "b", "c"]) await tracker.createIssue(item(title));
    // Page 1 answers, then page 2 fails four times in a row: more than a read's three retries.
    fake.injectFault(/^GET \/repos\/fedora-eln\/eln\/issues$/, "unavailable", {
      after: 1,
      times: 4,
    });
    expect((await failure(tracker.listIssues({}))).outcome).toBe("retry-later");
    // Had page 1's ETag been stored, this would be a 304 and `null`: "you have it all".
    expect((await tracker.listIssues({})).issues).toHaveLength(3);
  });

  it("a new process with the same cache still gets its 304", async () => {
    const { fake, tracker, cache } = setup();
    await tracker.createIssue(item("a"));
    await tracker.listIssues({ label: "meeting-action" });
    const later = createGitHubTracker({
      owner: "fedora-eln",
      repo: "eln",
      token: TOKEN,
      fetch: fake.fetch,
      cache,
      pacing: { secondMs: SECOND_MS, spaceWrites: false },
      log: () => undefined,
    });
    expect(await later.listIssues({ label: "meeting-action" })).toEqual({ issues: null });
  });

  it("reuses the stored issue on a 304, and reads the new one after a change", async () => {
    const { fake, tracker } = setup();
    await tracker.createIssue(item("a", { assignees: ["sgallagh"] }));
    const first = await tracker.getIssue(1);
    const quota = fake.quotaUsed;
    expect(await tracker.getIssue(1)).toEqual(first);
    expect(fake.answers.at(-1)).toEqual({ call: `GET ${REPO}/issues/1`, status: 304 });
    expect(fake.quotaUsed).toBe(quota);
    fake.touch(1, "a, edited");
    expect((await tracker.getIssue(1))?.title).toBe("a, edited");
    expect(fake.answers.at(-1)?.status).toBe(200);
  });

  it("reads unconditionally when the stored copy cannot be used", async () => {
    const { fake, tracker, cache } = setup();
    await tracker.createIssue(item("a"));
    await tracker.getIssue(1);
    const key = "https://api.github.com/repos/fedora-eln/eln/issues/1";
    cache.set(key, cache.get(key)?.etag ?? "", "{not json");
    expect((await tracker.getIssue(1))?.title).toBe("a");
    expect(fake.answers.at(-1)?.status).toBe(200);
    expect(count(fake, `GET ${REPO}/issues/1`)).toBe(2);
  });
});
