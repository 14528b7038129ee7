import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import { GitHubFake } from "./github-fake.ts";

function setup() {
  const fake = new GitHubFake({
    owner: "fedora-eln",
    repo: "eln",
    assignable: ["sgallagh", "yselkowitz"],
  });
  // A bare Octokit (no retry or throttling plugins): these tests look at single requests.
  const octokit = new Octokit({ request: { fetch: fake.fetch } });
  return { fake, octokit, repo: { owner: "fedora-eln", repo: "eln" } };
}

// The fake is only worth what it mimics; these tests pin the GitHub behaviours the sync relies on,
// and every normal answer is checked against GitHub's OpenAPI description inside the fake.
describe("GitHub fake (through a real Octokit)", () => {
  it("creates, reads, comments on, labels, closes and reopens issues", async () => {
    const { fake, octokit, repo } = setup();
    const created = await octokit.rest.issues.create({
      ...repo,
      title: "sgallagh to draft the policy",
      body: "body",
      labels: ["meeting-action"],
      assignees: ["sgallagh"],
    });
    expect(created.status).toBe(201);
    expect(created.data.number).toBe(1);
    expect(created.data.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual([
      "meeting-action",
    ]);
    await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "Decided: yes" });
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["decision"] });
    const closed = await octokit.rest.issues.update({
      ...repo,
      issue_number: 1,
      state: "closed",
      state_reason: "not_planned",
    });
    expect([closed.data.state, closed.data.state_reason]).toEqual(["closed", "not_planned"]);
    const reopened = await octokit.rest.issues.update({ ...repo, issue_number: 1, state: "open" });
    expect([reopened.data.state, reopened.data.state_reason, reopened.data.comments]).toEqual([
      "open",
      "reopened",
      1,
    ]);
    expect(fake.labels.has("decision")).toBe(true);
  });

  it("fails a whole create with 422 when one assignee cannot be assigned, writing nothing", async () => {
    const { fake, octokit, repo } = setup();
    await expect(
      octokit.rest.issues.create({ ...repo, title: "x", assignees: ["sgallagh", "nobody"] }),
    ).rejects.toMatchObject({
      status: 422,
    });
    expect(fake.issues).toHaveLength(0);
    await expect(
      octokit.rest.issues.checkUserCanBeAssigned({ ...repo, assignee: "nobody" }),
    ).rejects.toMatchObject({ status: 404 });
    expect(
      (await octokit.rest.issues.checkUserCanBeAssigned({ ...repo, assignee: "sgallagh" })).status,
    ).toBe(204);
  });

  it("paginates with Link headers and answers a repeated read with 304", async () => {
    const { octokit, repo } = setup();
    for (let i = 0; i < 5; i++)
      await octokit.rest.issues.create({ ...repo, title: `t${i}`, labels: ["meeting-action"] });
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...repo,
      state: "all",
      labels: "meeting-action",
      per_page: 2,
    });
    // GitHub's default order: newest created first.
    expect(all.map((i) => i.title)).toEqual(["t4", "t3", "t2", "t1", "t0"]);
    const first = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    await expect(
      octokit.rest.issues.get({
        ...repo,
        issue_number: 1,
        headers: { "if-none-match": String(first.headers.etag) },
      }),
    ).rejects.toMatchObject({ status: 304 });
  });

  it("injects the faults the sync must survive", async () => {
    const { fake, octokit, repo } = setup();
    fake.injectFault(/^POST \/repos\/fedora-eln\/eln\/issues$/, "502-after-commit");
    await expect(octokit.rest.issues.create({ ...repo, title: "ghost" })).rejects.toMatchObject({
      status: 502,
    });
    expect(fake.issues.map((i) => i.title)).toEqual(["ghost"]); // the issue exists all the same
    fake.injectFault(/^POST /, "drop-after-commit");
    await expect(octokit.rest.issues.create({ ...repo, title: "ghost 2" })).rejects.toThrow();
    expect(fake.issues).toHaveLength(2);
    fake.injectFault(/^POST /, "secondary-limit");
    const limited = octokit.rest.issues.create({ ...repo, title: "later" });
    await expect(limited).rejects.toMatchObject({ status: 403 });
    expect(fake.issues).toHaveLength(2); // nothing written
  });

  it("lists by update time with since, and lists pull requests among issues", async () => {
    const { fake, octokit, repo } = setup();
    for (const title of ["a", "b", "c"])
      await octokit.rest.issues.create({ ...repo, title, labels: ["meeting-action"] });
    const pr = fake.addPullRequest("a PR", ["meeting-action"]);
    fake.touch(1, "a, edited");
    const { data } = await octokit.rest.issues.listForRepo({
      ...repo,
      state: "all",
      labels: "meeting-action",
      sort: "updated",
      direction: "desc",
    });
    expect(data.map((i) => [i.number, "pull_request" in i])).toEqual([
      [1, false],
      [pr, true],
      [3, false],
      [2, false],
    ]);
    const since = data[1]!.updated_at;
    const recent = await octokit.rest.issues.listForRepo({ ...repo, state: "all", since });
    expect(recent.data.map((i) => i.number).sort()).toEqual([1, pr]);
  });

  it("lists, creates and refuses labels as GitHub does", async () => {
    const { octokit, repo } = setup();
    await octokit.rest.issues.createLabel({ ...repo, name: "decision", color: "c5def5" });
    await expect(
      octokit.rest.issues.createLabel({ ...repo, name: "Decision", color: "c5def5" }),
    ).rejects.toMatchObject({ status: 422, message: /already_exists/ });
    await expect(
      octokit.rest.issues.createLabel({ ...repo, name: "x", color: "#c5def5" }),
    ).rejects.toMatchObject({ status: 422, message: /color/ });
    await octokit.rest.issues.create({ ...repo, title: "t", labels: ["grey"] });
    const labels = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, {
      ...repo,
      per_page: 1,
    });
    expect(labels.map((l) => [l.name, l.color])).toEqual([
      ["decision", "c5def5"],
      ["grey", "ededed"],
    ]);
  });

  it("lists comments, and ignores unassignable logins when adding assignees", async () => {
    const { octokit, repo } = setup();
    await octokit.rest.issues.create({ ...repo, title: "t" });
    for (const body of ["one", "two", "three"])
      await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body });
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      ...repo,
      issue_number: 1,
      per_page: 2,
    });
    expect(comments.map((c) => c.body)).toEqual(["one", "two", "three"]);
    const added = await octokit.rest.issues.addAssignees({
      ...repo,
      issue_number: 1,
      assignees: ["sgallagh", "nobody"],
    });
    expect(added.status).toBe(201);
    expect(added.data.assignees?.map((a) => a.login)).toEqual(["sgallagh"]);
  });

  it("answers a request body off GitHub's schema with 422, as GitHub does", async () => {
    const { fake, octokit, repo } = setup();
    await octokit.rest.issues.create({ ...repo, title: "t" });
    // Untyped on purpose: Octokit's types would not let this body through.
    await expect(
      octokit.request({
        method: "PATCH",
        url: "/repos/fedora-eln/eln/issues/1",
        state: "closed",
        state_reason: "done",
      }),
    ).rejects.toMatchObject({ status: 422, message: /Invalid request/ });
    expect(fake.issues[0]?.state).toBe("open");
  });

  it("counts quota, but not for 304s", async () => {
    const { fake, octokit, repo } = setup();
    await octokit.rest.issues.create({ ...repo, title: "t" });
    const first = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    const before = fake.quotaUsed;
    await expect(
      octokit.rest.issues.get({
        ...repo,
        issue_number: 1,
        headers: { "if-none-match": String(first.headers.etag) },
      }),
    ).rejects.toMatchObject({ status: 304 });
    expect(fake.quotaUsed).toBe(before);
    expect(fake.answers.at(-1)).toEqual({
      call: "GET /repos/fedora-eln/eln/issues/1",
      status: 304,
    });
  });

  it("injects limits, storms and timeouts", async () => {
    const { fake, octokit, repo } = setup();
    fake.injectFault(/^GET /, "bad-gateway", { times: 2 });
    fake.injectFault(/^GET /, "rate-limit", { resetInS: 30 });
    const failures: { status: number; response?: { headers: Record<string, string> } }[] = [];
    for (let i = 0; i < 4; i++)
      await octokit.rest.issues.listForRepo(repo).catch((e: unknown) => {
        failures.push(e as (typeof failures)[number]);
      });
    expect(failures.map((f) => f.status)).toEqual([502, 502, 403]); // the fourth got through
    expect(failures[2]?.response?.headers["x-ratelimit-remaining"]).toBe("0");
    fake.injectFault(/^POST /, "timeout");
    const pending = octokit.rest.issues.create({
      ...repo,
      title: "t",
      request: { signal: AbortSignal.timeout(20) },
    });
    await expect(pending).rejects.toThrow();
    expect(fake.issues).toHaveLength(0);
    expect(fake.answers.at(-1)?.status).toBe(0);
  });

  it("answers 301 for an issue transferred away", async () => {
    const { fake, octokit, repo } = setup();
    await octokit.rest.issues.create({ ...repo, title: "t" });
    fake.transferOut(1);
    const moved = await octokit.rest.issues.get({
      ...repo,
      issue_number: 1,
      request: { redirect: "manual" },
    });
    expect(moved.status as number).toBe(301);
  });

  it("refuses to answer off-spec, so a drifting fake fails the test", async () => {
    const { fake } = setup();
    // A response the OpenAPI description does not allow: an issue without its required fields.
    const broken = fake as unknown as { issueObject: (i: unknown) => unknown };
    broken.issueObject = () => ({ id: 1, number: 1, title: "x" });
    const octokit = new Octokit({ request: { fetch: fake.fetch } });
    await expect(
      octokit.rest.issues.create({ owner: "fedora-eln", repo: "eln", title: "x" }),
    ).rejects.toThrow(/off-spec/);
  });
});
