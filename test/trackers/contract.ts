import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { RemoteIssue, Tracker } from "../../src/trackers/tracker.ts";

/**
 * The behaviour every Tracker adapter must show, as one vitest suite that each adapter's tests
 * register against their own target (an in-process fake, or a real server). The sync engine relies
 * on exactly these properties, so an adapter passes this suite or it is not done.
 *
 * Every test makes its own issues under its own fresh labels and finds them by the numbers the
 * tracker returned, so tests never depend on issue numbering, on each other, or on what earlier
 * runs left on a long-lived server.
 */
export interface TrackerContractTarget {
  readonly tracker: Tracker;
  /** A login the tracker accepts as an assignee. */
  readonly assignable: string;
  /** A login the tracker refuses as an assignee (no such user, or not assignable). */
  readonly unknownUser: string;
  /**
   * Lets the tracker's clock pass the next whole second, so that two writes get update times in
   * different seconds (`since` is second-grained). Default: waits 1.1 s of real time; a fake with
   * its own clock can just advance it.
   */
  readonly nextSecond?: () => Promise<void>;
  /** Called after each test. */
  readonly cleanup?: () => Promise<void>;
}

export interface TrackerContractSetupOptions {
  /** Page size the adapter must use for listings (the pagination test asks for a small one). */
  readonly perPage: number;
}

export interface TrackerContractSettings {
  /** Per-test timeout (default 60 s: a real tracker takes about a second per write). */
  readonly timeoutMs?: number;
}

/** The page size used by every test except the pagination one. */
const NORMAL_PAGE = 100;
/** Small enough that five issues take three pages. */
const SMALL_PAGE = 2;

export function describeTrackerContract(
  name: string,
  setup: (options: TrackerContractSetupOptions) => Promise<TrackerContractTarget>,
  settings: TrackerContractSettings = {},
): void {
  const timeout = settings.timeoutMs ?? 60_000;

  describe(`Tracker contract: ${name}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });

    async function open(perPage = NORMAL_PAGE): Promise<TrackerContractTarget> {
      const target = await setup({ perPage });
      if (target.cleanup !== undefined) cleanups.push(target.cleanup);
      return target;
    }

    it("identifies its target", { timeout }, async () => {
      const { tracker } = await open();
      expect(tracker.type).toMatch(/^[a-z]+$/);
      expect(tracker.key.startsWith(`${tracker.type}:`)).toBe(true);
      expect(tracker.label).not.toBe("");
    });

    it(
      "creates an issue with its labels and a body whose marker survives",
      { timeout },
      async () => {
        const { tracker } = await open();
        const labels = [freshLabel("a"), freshLabel("b")];
        const marker = freshMarker();
        const body = `Alice to draft the ELN compose policy.\n\n${marker}`;
        const created = await tracker.createIssue({
          title: "Draft the compose policy",
          body,
          labels,
          assignees: [],
        });
        expect(created.refusedAssignees).toEqual([]);
        const issue = created.issue;
        expect(Number.isInteger(issue.number) && issue.number > 0).toBe(true);
        expect(issue.url).toMatch(/^https?:\/\/\S+$/);
        expect(issue.title).toBe("Draft the compose policy");
        expect(issue.body).toContain(marker);
        expect(sorted(issue.labels)).toEqual(sorted(labels));
        expect(issue.state).toBe("open");
        expect(issue.closeReason).toBeNull();
        expect(issue.assignees).toEqual([]);
        expectIsoTimes(issue);

        const read = await tracker.getIssue(issue.number);
        expect(read).not.toBeNull();
        expect(read?.number).toBe(issue.number);
        expect(read?.url).toBe(issue.url);
        expect(read?.title).toBe(issue.title);
        expect(read?.body).toContain(marker);
        expect(sorted(read?.labels ?? [])).toEqual(sorted(labels));
        expect(read?.state).toBe("open");
        expect(read?.createdAt).toBe(issue.createdAt);
      },
    );

    it("assigns a requested assignee when it creates an issue", { timeout }, async () => {
      const { tracker, assignable } = await open();
      const created = await tracker.createIssue({
        title: "Assigned at creation",
        body: `Owner: ${assignable}\n\n${freshMarker()}`,
        labels: [freshLabel("assign")],
        assignees: [assignable],
      });
      expect(created.refusedAssignees).toEqual([]);
      expect(created.issue.assignees).toEqual([assignable]);
      const read = await tracker.getIssue(created.issue.number);
      expect(read?.assignees).toEqual([assignable]);
    });

    it(
      "refuses an unknown assignee with a reason but still creates the issue",
      { timeout },
      async () => {
        const { tracker, assignable, unknownUser } = await open();
        const marker = freshMarker();
        const created = await tracker.createIssue({
          title: "Owner problem must not block the item",
          body: marker,
          labels: [freshLabel("refuse")],
          assignees: [unknownUser, assignable],
        });
        expect(created.refusedAssignees.map((r) => r.login)).toEqual([unknownUser]);
        expect(created.refusedAssignees[0]?.reason).toMatch(/\S/);
        expect(created.issue.assignees).toEqual([assignable]);
        const read = await tracker.getIssue(created.issue.number);
        expect(read?.body).toContain(marker);
        expect(read?.assignees).toEqual([assignable]);

        const alone = await tracker.createIssue({
          title: "Only an unknown owner",
          body: freshMarker(),
          labels: [],
          assignees: [unknownUser],
        });
        expect(alone.refusedAssignees.map((r) => r.login)).toEqual([unknownUser]);
        expect(alone.issue.assignees).toEqual([]);
        expect(await tracker.getIssue(alone.issue.number)).not.toBeNull();
      },
    );

    it("answers null for an issue that does not exist", { timeout }, async () => {
      const { tracker } = await open();
      expect(await tracker.getIssue(987_654_321)).toBeNull();
    });

    it(
      "updates the title and the body separately, leaving the rest alone",
      { timeout },
      async () => {
        const { tracker } = await open();
        const label = freshLabel("update");
        const first = freshMarker();
        const { issue } = await tracker.createIssue({
          title: "Old title",
          body: `old body\n\n${first}`,
          labels: [label],
          assignees: [],
        });
        const retitled = await tracker.updateIssue(issue.number, { title: "New title" });
        expect(retitled.number).toBe(issue.number);
        expect(retitled.title).toBe("New title");
        expect(retitled.body).toContain(first);
        expect(retitled.labels).toEqual([label]);

        const second = freshMarker();
        const rewritten = await tracker.updateIssue(issue.number, {
          body: `new body\n\n${second}`,
        });
        expect(rewritten.title).toBe("New title");
        expect(rewritten.body).toContain(second);
        expect(rewritten.body).not.toContain(first);

        // Sending what is already there is a harmless repeat.
        const again = await tracker.updateIssue(issue.number, {
          title: "New title",
          body: `new body\n\n${second}`,
        });
        expect([again.title, again.body]).toEqual([rewritten.title, rewritten.body]);
        const read = await tracker.getIssue(issue.number);
        expect([read?.title, read?.body, read?.labels]).toEqual([
          "New title",
          rewritten.body,
          [label],
        ]);
      },
    );

    it("closes as completed and reopens, harmlessly when repeated", { timeout }, async () => {
      const { tracker } = await open();
      const { issue } = await tracker.createIssue({
        title: "Close me",
        body: freshMarker(),
        labels: [freshLabel("close")],
        assignees: [],
      });
      await tracker.setState(issue.number, "closed", "completed");
      await tracker.setState(issue.number, "closed", "completed");
      const closed = await tracker.getIssue(issue.number);
      expect([closed?.state, closed?.closeReason]).toEqual(["closed", "completed"]);

      await tracker.setState(issue.number, "open");
      await tracker.setState(issue.number, "open");
      const reopened = await tracker.getIssue(issue.number);
      expect([reopened?.state, reopened?.closeReason]).toEqual(["open", null]);
    });

    it("closes as not planned", { timeout }, async () => {
      const { tracker } = await open();
      const { issue } = await tracker.createIssue({
        title: "Dropped action",
        body: freshMarker(),
        labels: [freshLabel("drop")],
        assignees: [],
      });
      await tracker.setState(issue.number, "closed", "not_planned");
      const closed = await tracker.getIssue(issue.number);
      expect([closed?.state, closed?.closeReason]).toEqual(["closed", "not_planned"]);
    });

    it("closes a duplicate, and changes the reason of a closed issue", { timeout }, async () => {
      const { tracker } = await open();
      const label = freshLabel("dup");
      const marker = freshMarker();
      const kept = await tracker.createIssue({
        title: "Kept",
        body: marker,
        labels: [label],
        assignees: [],
      });
      const extra = await tracker.createIssue({
        title: "Kept",
        body: marker,
        labels: [label],
        assignees: [],
      });
      expect(extra.issue.number).not.toBe(kept.issue.number);
      await tracker.setState(extra.issue.number, "closed", "duplicate", kept.issue.number);
      const duplicate = await tracker.getIssue(extra.issue.number);
      expect([duplicate?.state, duplicate?.closeReason]).toEqual(["closed", "duplicate"]);

      await tracker.setState(extra.issue.number, "closed", "completed");
      const recast = await tracker.getIssue(extra.issue.number);
      expect([recast?.state, recast?.closeReason]).toEqual(["closed", "completed"]);
      expect((await tracker.getIssue(kept.issue.number))?.state).toBe("open");
    });

    it(
      "comments, and lists the comments oldest first without the tracker's own notes",
      { timeout },
      async () => {
        const { tracker, assignable } = await open();
        const { issue } = await tracker.createIssue({
          title: "Discussed twice",
          body: freshMarker(),
          labels: [freshLabel("comment")],
          assignees: [assignable],
        });
        expect(await tracker.listComments(issue.number)).toEqual([]);
        // State changes in between: trackers that log them as comments must leave those out.
        await tracker.setState(issue.number, "closed", "completed");
        const one = `Decided: ship it.\n\n${freshMarker()}`;
        await tracker.comment(issue.number, one);
        await tracker.setState(issue.number, "open");
        const two = `Reopened in the next meeting.\n\n${freshMarker()}`;
        await tracker.comment(issue.number, two);

        const comments = await tracker.listComments(issue.number);
        expect(comments.map((c) => c.body)).toEqual([one, two]);
        for (const c of comments) expect(Number.isNaN(Date.parse(c.createdAt))).toBe(false);
        expect(Date.parse(comments[0]!.createdAt)).toBeLessThanOrEqual(
          Date.parse(comments[1]!.createdAt),
        );
      },
    );

    it(
      "adds an assignee, refuses an unknown one, and repeats harmlessly",
      { timeout },
      async () => {
        const { tracker, assignable, unknownUser } = await open();
        const { issue } = await tracker.createIssue({
          title: "Owner decided later",
          body: freshMarker(),
          labels: [freshLabel("later")],
          assignees: [],
        });
        const refused = await tracker.addAssignees(issue.number, [unknownUser, assignable]);
        expect(refused.map((r) => r.login)).toEqual([unknownUser]);
        expect(refused[0]?.reason).toMatch(/\S/);
        expect((await tracker.getIssue(issue.number))?.assignees).toEqual([assignable]);

        expect(await tracker.addAssignees(issue.number, [assignable])).toEqual([]);
        expect(await tracker.addAssignees(issue.number, [])).toEqual([]);
        expect((await tracker.getIssue(issue.number))?.assignees).toEqual([assignable]);
      },
    );

    it("ensures labels exist, making no writes the second time", { timeout }, async () => {
      const { tracker } = await open();
      const labels = [freshLabel("ensure"), freshLabel("ensure")];
      const writes = await tracker.ensureLabels(labels);
      expect(writes).toBeGreaterThanOrEqual(0);
      expect(writes).toBeLessThanOrEqual(labels.length);
      expect(await tracker.ensureLabels(labels)).toBe(0);
      expect(await tracker.ensureLabels([])).toBe(0);
      const { issue } = await tracker.createIssue({
        title: "Uses the ensured labels",
        body: freshMarker(),
        labels,
        assignees: [],
      });
      expect(sorted(issue.labels)).toEqual(sorted(labels));
    });

    it("lists open and closed issues carrying a label, and only those", { timeout }, async () => {
      const { tracker } = await open();
      const label = freshLabel("list");
      const other = freshLabel("other");
      const a = await tracker.createIssue({
        title: "A",
        body: freshMarker(),
        labels: [label],
        assignees: [],
      });
      const b = await tracker.createIssue({
        title: "B",
        body: freshMarker(),
        labels: [other, label],
        assignees: [],
      });
      const c = await tracker.createIssue({
        title: "C",
        body: freshMarker(),
        labels: [other],
        assignees: [],
      });
      await tracker.setState(b.issue.number, "closed", "completed");

      const listed = await tracker.listIssues({ label });
      expect(listed.issues).not.toBeNull();
      const byNumber = new Map((listed.issues ?? []).map((i) => [i.number, i]));
      expect(sorted([...byNumber.keys()])).toEqual(sorted([a.issue.number, b.issue.number]));
      expect(byNumber.get(a.issue.number)?.state).toBe("open");
      expect(byNumber.get(b.issue.number)?.state).toBe("closed");
      expect(byNumber.get(b.issue.number)?.body).toBe(b.issue.body);
      expect(byNumber.has(c.issue.number)).toBe(false);

      const none = await tracker.listIssues({ label: freshLabel("unused") });
      expect(none.issues).toEqual([]);
    });

    it("lists only issues updated at or after `since`", { timeout }, async () => {
      const target = await open();
      const { tracker } = target;
      const label = freshLabel("since");
      const early = await tracker.createIssue({
        title: "Early",
        body: freshMarker(),
        labels: [label],
        assignees: [],
      });
      await (target.nextSecond ?? waitPastSecond)();
      const late = await tracker.createIssue({
        title: "Late",
        body: freshMarker(),
        labels: [label],
        assignees: [],
      });
      // Precondition, so that a failure below is about `since` and not about the clock.
      expect(wholeSecond(late.issue.updatedAt)).toBeGreaterThan(wholeSecond(early.issue.updatedAt));

      const recent = await tracker.listIssues({ label, since: late.issue.updatedAt });
      expect((recent.issues ?? []).map((i) => i.number)).toEqual([late.issue.number]);

      const hourBefore = new Date(Date.parse(early.issue.createdAt) - 3_600_000).toISOString();
      const both = await tracker.listIssues({ label, since: hourBefore });
      expect(sorted((both.issues ?? []).map((i) => i.number))).toEqual(
        sorted([early.issue.number, late.issue.number]),
      );

      const dayAfter = new Date(Date.parse(late.issue.updatedAt) + 86_400_000).toISOString();
      expect((await tracker.listIssues({ label, since: dayAfter })).issues).toEqual([]);
    });

    it("follows every page of a listing", { timeout }, async () => {
      const { tracker } = await open(SMALL_PAGE);
      const label = freshLabel("page");
      const numbers: number[] = [];
      for (let k = 0; k < 5; k++) {
        const { issue } = await tracker.createIssue({
          title: `Paged ${k}`,
          body: freshMarker(),
          labels: [label],
          assignees: [],
        });
        numbers.push(issue.number);
      }
      await tracker.setState(numbers[0]!, "closed", "completed");
      const listed = await tracker.listIssues({ label });
      const got = (listed.issues ?? []).map((i) => i.number);
      expect(sorted(got)).toEqual(sorted(numbers));
      expect(new Set(got).size).toBe(got.length);
    });
  });
}

/** A label no earlier test or run has used. */
function freshLabel(purpose: string): string {
  return `sm-${purpose}-${randomBytes(4).toString("hex")}`;
}

/** A sync marker as src/render/issue-draft.ts writes it, unique per call. */
function freshMarker(): string {
  return `<!-- sigmeet:item sm1-${randomBytes(12).toString("hex")} -->`;
}

function sorted<T extends string | number>(values: readonly T[]): T[] {
  return [...values].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

function wholeSecond(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

async function waitPastSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1100));
}

function expectIsoTimes(issue: RemoteIssue): void {
  for (const time of [issue.createdAt, issue.updatedAt]) {
    expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  }
  expect(Date.parse(issue.updatedAt)).toBeGreaterThanOrEqual(Date.parse(issue.createdAt));
}
