import { describe, expect, it } from "vitest";
import { count, failure, item, REPO, setup } from "./setup.ts";

describe("GitHub adapter: identity", () => {
  it("names its target", () => {
    const { tracker } = setup({ baseUrl: "https://ghe.example/api/v3/" });
    expect([tracker.type, tracker.key, tracker.label]).toEqual([
      "github",
      "github:https://ghe.example/api/v3/fedora-eln/eln",
      "fedora-eln/eln on GitHub",
    ]);
    expect(setup().tracker.key).toBe("github:https://api.github.com/fedora-eln/eln");
  });
});

describe("GitHub adapter: creating issues", () => {
  it("creates an issue with labels and assignees in one write", async () => {
    const { fake, tracker } = setup();
    const created = await tracker.createIssue(
      item("sgallagh to draft the policy", {
        labels: ["meeting-action", "eln"],
        assignees: ["sgallagh"],
      }),
    );
    expect(created.refusedAssignees).toEqual([]);
    expect(created.issue).toMatchObject({
      number: 1,
      url: "https://github.com/fedora-eln/eln/issues/1",
      title: "sgallagh to draft the policy",
      state: "open",
      closeReason: null,
      labels: ["meeting-action", "eln"],
      assignees: ["sgallagh"],
    });
    expect(created.issue.body).toContain("sigmeet:item");
    expect(fake.calls).toEqual([`GET ${REPO}/assignees/sgallagh`, `POST ${REPO}/issues`]);
  });

  it("creates the issue without an unassignable login and reports it refused", async () => {
    const { fake, tracker } = setup();
    const created = await tracker.createIssue(
      item("two owners", { assignees: ["nobody", "sgallagh", "SGallagh"] }),
    );
    expect(created.refusedAssignees).toEqual([
      { login: "nobody", reason: "not assignable in fedora-eln/eln" },
    ]);
    expect(created.issue.assignees).toEqual(["sgallagh"]);
    expect(fake.issues).toHaveLength(1);
    expect(count(fake, `POST ${REPO}/issues`)).toBe(1);
    // Nothing else is broken: the next create works and remembers both answers.
    const again = await tracker.createIssue(item("again", { assignees: ["nobody", "sgallagh"] }));
    expect(again.refusedAssignees.map((r) => r.login)).toEqual(["nobody"]);
    expect(fake.calls.filter((c) => c.includes("/assignees/"))).toHaveLength(2);
  });

  it("creates without assignees when GitHub refuses one it accepted before (a race)", async () => {
    const { fake, tracker } = setup();
    await tracker.createIssue(item("first", { assignees: ["sgallagh"] })); // remembered: yes
    fake.assignable.delete("sgallagh"); // access lost since
    const created = await tracker.createIssue(item("second", { assignees: ["sgallagh"] }));
    expect(created.issue.assignees).toEqual([]);
    expect(created.refusedAssignees).toEqual([
      { login: "sgallagh", reason: "GitHub refused: Validation Failed: assignees invalid" },
    ]);
    expect(fake.issues.map((i) => i.title)).toEqual(["first", "second"]);
    expect(count(fake, `POST ${REPO}/issues`)).toBe(3); // 201, 422, 201
    // The stale answer was dropped: the next create asks again.
    const third = await tracker.createIssue(item("third", { assignees: ["sgallagh"] }));
    expect(third.refusedAssignees[0]?.reason).toBe("not assignable in fedora-eln/eln");
    expect(count(fake, `POST ${REPO}/issues`)).toBe(4);
  });

  it("refuses more than ten assignees without failing the create", async () => {
    const logins = Array.from({ length: 11 }, (_, k) => `dev${k}`);
    const { fake, tracker } = setup();
    for (const login of logins) fake.assignable.add(login);
    const created = await tracker.createIssue(item("crowd", { assignees: logins }));
    expect(created.issue.assignees).toEqual(logins.slice(0, 10));
    expect(created.refusedAssignees).toEqual([
      { login: "dev10", reason: "GitHub takes at most 10 assignees" },
    ]);
  });

  it("rejects a create GitHub refuses, with GitHub's message", async () => {
    const { fake, tracker } = setup();
    const error = await failure(tracker.createIssue(item("")));
    expect(error.outcome).toBe("rejected");
    expect(error.status).toBe(422);
    expect(error.message).toBe(
      "creating an issue in fedora-eln/eln: 422 Validation Failed: title missing_field",
    );
    expect(fake.issues).toHaveLength(0);
  });
});

describe("GitHub adapter: changing issues", () => {
  it("updates the title and the body separately", async () => {
    const { fake, tracker } = setup();
    await tracker.createIssue(item("old"));
    expect((await tracker.updateIssue(1, { title: "new" })).title).toBe("new");
    const rewritten = await tracker.updateIssue(1, { body: "new body" });
    expect([rewritten.title, rewritten.body]).toEqual(["new", "new body"]);
    const patches = count(fake, `PATCH ${REPO}/issues/1`);
    expect((await tracker.updateIssue(1, {})).title).toBe("new"); // nothing to send: a read
    expect(count(fake, `PATCH ${REPO}/issues/1`)).toBe(patches);
    const error = await failure(tracker.updateIssue(9, { title: "x" }));
    expect([error.outcome, error.status]).toEqual(["rejected", 404]);
    expect(error.message).toBe("updating issue #9 of fedora-eln/eln: 404 Not Found");
  });

  it("closes with a reason, reopens, and writes nothing when already there", async () => {
    const { fake, tracker } = setup();
    await tracker.createIssue(item("action"));
    await tracker.setState(1, "closed", "not_planned");
    await tracker.setState(1, "closed", "not_planned");
    await tracker.setState(1, "closed");
    expect(count(fake, `PATCH ${REPO}/issues/1`)).toBe(1);
    expect(await tracker.getIssue(1)).toMatchObject({
      state: "closed",
      closeReason: "not_planned",
    });
    await tracker.setState(1, "closed", "completed"); // another reason: one more write
    expect(await tracker.getIssue(1)).toMatchObject({ state: "closed", closeReason: "completed" });
    await tracker.setState(1, "open");
    await tracker.setState(1, "open");
    expect(count(fake, `PATCH ${REPO}/issues/1`)).toBe(3);
    expect(fake.issues[0]?.stateReason).toBe("reopened");
    expect(await tracker.getIssue(1)).toMatchObject({ state: "open", closeReason: null });
    const error = await failure(tracker.setState(5, "closed"));
    expect([error.outcome, error.status]).toEqual(["rejected", 404]);
  });

  it("closes a duplicate pointing at the original's id", async () => {
    const { fake, tracker } = setup();
    await tracker.createIssue(item("kept"));
    await tracker.createIssue(item("kept, again"));
    await tracker.setState(2, "closed", "duplicate", 1);
    expect(await tracker.getIssue(2)).toMatchObject({ state: "closed", closeReason: "duplicate" });
    expect(fake.issues[1]?.duplicateOf).toBe(fake.issues[0]?.id);
    const error = await failure(tracker.setState(1, "closed", "duplicate", 77));
    expect(error.message).toBe("closing issue #1 of fedora-eln/eln: issue #77 does not exist");
    expect(fake.issues[0]?.state).toBe("open");
  });

  it("adds assignees, reporting the refused and the silently dropped", async () => {
    const { fake, tracker } = setup();
    await tracker.createIssue(item("later"));
    expect(await tracker.addAssignees(1, ["nobody", "sgallagh"])).toEqual([
      { login: "nobody", reason: "not assignable in fedora-eln/eln" },
    ]);
    expect(fake.issues[0]?.assignees).toEqual(["sgallagh"]);
    // Only refused logins: no write at all.
    const posts = count(fake, `POST ${REPO}/issues/1/assignees`);
    expect(await tracker.addAssignees(1, ["nobody"])).toHaveLength(1);
    expect(count(fake, `POST ${REPO}/issues/1/assignees`)).toBe(posts);
    // Checked (and remembered) as assignable, then dropped by GitHub without an error.
    await tracker.addAssignees(1, ["yselkowitz"]);
    fake.issues[0]?.assignees.pop();
    fake.assignable.delete("yselkowitz");
    const refused = await tracker.addAssignees(1, ["yselkowitz"]);
    expect(refused.map((r) => r.login)).toEqual(["yselkowitz"]);
    expect(refused[0]?.reason).toMatch(/did not assign/);
  });

  it("comments and lists the comments oldest first, across pages", async () => {
    const { fake, tracker } = setup({ perPage: 2 });
    await tracker.createIssue(item("talked about"));
    expect(await tracker.listComments(1)).toEqual([]);
    for (const body of ["one", "two", "three"]) await tracker.comment(1, body);
    const comments = await tracker.listComments(1);
    expect(comments.map((c) => c.body)).toEqual(["one", "two", "three"]);
    expect(comments[0]?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(count(fake, `GET ${REPO}/issues/1/comments`)).toBe(1 + 2); // empty, then 2 pages
    const error = await failure(tracker.comment(8, "lost"));
    expect([error.outcome, error.message]).toEqual([
      "rejected",
      "commenting on issue #8 of fedora-eln/eln: 404 Not Found",
    ]);
  });
});

describe("GitHub adapter: reading", () => {
  it("reads an issue; null when missing or transferred away", async () => {
    const { fake, tracker } = setup();
    await tracker.createIssue(item("here", { assignees: ["sgallagh"] }));
    expect(await tracker.getIssue(1)).toMatchObject({ number: 1, title: "here" });
    expect(await tracker.getIssue(2)).toBeNull();
    fake.transferOut(1);
    expect(await tracker.getIssue(1)).toBeNull();
  });

  it("null when fetch followed GitHub's redirect to the issue's new home", async () => {
    const github = setup().fake;
    // Octokit passes a URL string. This fetch follows the 301 as a real one does: to an issue
    // with another number.
    const { tracker } = setup({
      fetch: (input, init) =>
        github.fetch((input as string).replace(/\/issues\/1$/, "/issues/2"), init),
    });
    await tracker.createIssue(item("moved"));
    await tracker.createIssue(item("its new self"));
    expect(await tracker.getIssue(1)).toBeNull();
    expect((await tracker.getIssue(2))?.title).toBe("its new self");
  });

  it("lists every page, newest update first, without pull requests", async () => {
    const { fake, tracker } = setup({ perPage: 2 });
    for (const title of ["a", "b", "c", "d"]) await tracker.createIssue(item(title));
    await tracker.createIssue(item("unlabelled", { labels: [] }));
    fake.addPullRequest("a pull request", ["meeting-action"]);
    await tracker.updateIssue(2, { title: "b, edited" });
    const { issues } = await tracker.listIssues({ label: "meeting-action" });
    expect(issues?.map((i) => i.title)).toEqual(["b, edited", "d", "c", "a"]);
    expect(count(fake, `GET ${REPO}/issues`)).toBe(3); // 5 entries, 2 a page
  });

  it("lists only issues updated since a time", async () => {
    const { fake, tracker } = setup();
    await tracker.createIssue(item("old"));
    fake.tick(3600);
    const recent = await tracker.createIssue(item("new"));
    const { issues } = await tracker.listIssues({ since: recent.issue.updatedAt });
    expect(issues?.map((i) => i.title)).toEqual(["new"]);
    expect((await tracker.listIssues({})).issues).toHaveLength(2);
  });
});

describe("GitHub adapter: labels", () => {
  it("creates only the missing labels, listing the repository's once", async () => {
    const { fake, tracker } = setup({ perPage: 1 });
    await tracker.createIssue(item("grey labels", { labels: ["Meeting-Action", "old"] }));
    expect(await tracker.ensureLabels(["meeting-action", "decision", "eln", "decision"])).toBe(2);
    expect(fake.labels.get("decision")).toMatchObject({
      color: "c5def5",
      description: "Kept in sync with meeting minutes by sigmeet",
    });
    expect(fake.labels.has("meeting-action")).toBe(false); // "Meeting-Action" is the same label
    expect(count(fake, `GET ${REPO}/labels`)).toBe(2); // two labels, one a page
    expect(await tracker.ensureLabels(["Decision", "ELN", "old"])).toBe(0);
    expect(count(fake, `GET ${REPO}/labels`)).toBe(2);
  });

  it("counts a label someone created meanwhile as done", async () => {
    const { fake, tracker } = setup();
    expect(await tracker.ensureLabels([])).toBe(0); // lists: none yet
    await tracker.createIssue(item("makes it", { labels: ["decision"] })); // GitHub creates it
    expect(await tracker.ensureLabels(["decision"])).toBe(1); // one write, answered 422
    expect(fake.answers.at(-1)).toEqual({ call: `POST ${REPO}/labels`, status: 422 });
    expect(await tracker.ensureLabels(["decision"])).toBe(0);
  });
});
