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
    expect(all.map((i) => i.title)).toEqual(["t0", "t1", "t2", "t3", "t4"]);
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
