import { z } from "zod";
import {
  TrackerError,
  type CloseReason,
  type CreatedIssue,
  type IssueChanges,
  type IssueState,
  type ListOptions,
  type ListResult,
  type NewIssue,
  type RemoteComment,
  type RemoteIssue,
  type Tracker,
} from "../tracker.ts";
import { chooseCloseStatus } from "./close-status.ts";
import {
  epochFromIso,
  PagureIssue,
  PagureIssuePage,
  toRemoteComments,
  toRemoteIssue,
} from "./issue-map.ts";
import {
  createPagureHttp,
  PagureApiError,
  type CallKind,
  type FetchLike,
  type PagureCall,
} from "./pagure-http.ts";

/**
 * The Tracker port on Pagure's API v0 (measured against Pagure 5.14.1; notes in docs/pagure.md
 * and shared/notes/trackers.md §3). What Pagure cannot do, and what the adapter does instead:
 *
 * - One assignee per issue: the first requested login that exists is assigned, the others are
 *   returned as refused with the reason. An issue someone already owns is never reassigned.
 * - No tag changes on an existing issue through the API (5.14 has no endpoint for it): labels are
 *   set when the issue is created, and `updateIssue` changes only title and body.
 * - No conditional requests (no ETags): `listIssues` never answers null, it narrows with `since`.
 * - No duplicate-of link: `duplicateOf` is not recorded, only the "Duplicate" close status.
 */

export interface PagureTrackerOptions {
  /** The Pagure instance, e.g. `https://pagure.io`. */
  readonly baseUrl: string;
  /** `name` or `namespace/name`, e.g. `fedora-sig/eln`. */
  readonly project: string;
  /** An API token; a project token with the issue ACLs is enough (modify_project for tags). */
  readonly token: string;
  /** The close status that means "done" (default "Fixed"); it must exist in the project. */
  readonly closeStatus?: string;
  readonly fetch?: FetchLike;
  /** Per request (default 30 s). */
  readonly timeoutMs?: number;
  /** Issues per listing page, 1 to 100 (Pagure refuses more; default 100). */
  readonly perPage?: number;
  /** Least time between two requests' starts (default 1 s: pagure.io asks for about one a second). */
  readonly minIntervalMs?: number;
  readonly userAgent?: string;
}

const DEFAULT_USER_AGENT = "sigmeet (meeting-notes bot; tracker sync)";
/** A listing stops here rather than loop on a misbehaving server (100 per page: 1M issues). */
const MAX_PAGES = 10_000;

const Envelope = z.looseObject({ issue: PagureIssue });
const ProjectInfo = z.looseObject({ close_status: z.array(z.string()).nullish() });
const TagList = z.looseObject({ tags: z.array(z.string()) });

export function createPagureTracker(options: PagureTrackerOptions): Tracker {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const project = options.project;
  if (!/^(?:[^/\s]+\/)?[^/\s]+$/.test(project)) {
    throw new RangeError(`Pagure project must be "name" or "namespace/name", got "${project}"`);
  }
  const completedStatus = options.closeStatus ?? "Fixed";
  const perPage = options.perPage ?? 100;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
    throw new RangeError(`Pagure perPage must be 1..100, got ${perPage}`);
  }
  const label = `${project} on Pagure`;
  const projectPath = project.split("/").map(encodeURIComponent).join("/");
  const request = createPagureHttp({
    baseUrl,
    token: options.token,
    label,
    fetch: options.fetch ?? fetch,
    timeoutMs: options.timeoutMs ?? 30_000,
    minIntervalMs: options.minIntervalMs ?? 1000,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
  });
  const mapContext = {
    completedStatus,
    issueUrl: (id: number) => `${baseUrl}/${project}/issue/${id}`,
  };

  async function call<T>(schema: z.ZodType<T>, spec: PagureCall): Promise<T> {
    const body = await request(spec);
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    // The call went through, so a `once` call happened; anything else will not parse better
    // when repeated.
    const outcome = spec.kind === "once" ? "unknown" : "rejected";
    throw new TrackerError(
      `Pagure ${spec.what} on ${label}: unexpected answer (${z.prettifyError(parsed.error).replace(/\n/g, "; ")})`,
      outcome,
    );
  }

  const issuePath = (n: number, tail = "") => `${projectPath}/issue/${n}${tail}`;

  const post = (path: string, form: Record<string, string>, kind: CallKind, what: string) =>
    call(z.looseObject({}), { method: "POST", path, form, kind, what });

  async function readIssue(n: number, comments: boolean): Promise<PagureIssue | null> {
    try {
      return await call(PagureIssue, {
        method: "GET",
        path: issuePath(n),
        query: comments ? [] : [["comments", "0"]],
        kind: "read",
        what: `read issue #${n}`,
      });
    } catch (error) {
      if (error instanceof PagureApiError && error.code === "ENOISSUE") return null;
      throw error;
    }
  }

  async function mustReadIssue(n: number, comments: boolean): Promise<PagureIssue> {
    const issue = await readIssue(n, comments);
    if (issue === null) {
      throw new TrackerError(`Pagure issue #${n} does not exist in ${label}`, "rejected", {
        status: 404,
      });
    }
    return issue;
  }

  // The project's close statuses, read once (they change rarely, and only by an admin).
  let closeStatuses: Promise<readonly string[]> | null = null;
  function projectCloseStatuses(): Promise<readonly string[]> {
    closeStatuses ??= call(ProjectInfo, {
      method: "GET",
      path: projectPath,
      kind: "read",
      what: "read project",
    }).then(
      (info) => info.close_status ?? [],
      (error: unknown) => {
        closeStatuses = null; // a failed read is tried again next time
        throw error;
      },
    );
    return closeStatuses;
  }

  /** True if the Pagure account exists; on pagure.io that is only after its first login. */
  async function userExists(login: string): Promise<boolean> {
    try {
      await request({
        method: "GET",
        path: `user/${encodeURIComponent(login)}`,
        // The answer lists the user's projects; one per page keeps it small.
        query: [["per_page", "1"]],
        kind: "read",
        what: `look up user ${login}`,
      });
      return true;
    } catch (error) {
      if (error instanceof PagureApiError && error.status === 404) return false;
      throw error;
    }
  }

  type Refusal = { readonly login: string; readonly reason: string };

  /**
   * Gives the issue an assignee from `logins` if it has none: the first login that exists.
   * `soft` (right after a create, which must not fail over an owner): failures become refusals.
   * Otherwise a failure that may pass (5xx, timeout) is thrown, so the idempotent call is retried.
   */
  async function assign(
    n: number,
    logins: readonly string[],
    current: string | null,
    soft: boolean,
  ): Promise<{ assignee: string | null; refused: Refusal[] }> {
    const refused: Refusal[] = [];
    let assignee = current;
    let stopped: string | null = null;
    for (const login of [...new Set(logins)]) {
      if (login === assignee) continue;
      if (stopped !== null) {
        refused.push({ login, reason: `not tried: ${stopped}` });
        continue;
      }
      if (assignee !== null) {
        refused.push({
          login,
          reason:
            assignee === current
              ? `Pagure issues have a single assignee and ${assignee} already is (sigmeet never reassigns)`
              : `Pagure issues have a single assignee; ${assignee} was assigned`,
        });
        continue;
      }
      try {
        if (!(await userExists(login))) {
          refused.push({
            login,
            reason: `no Pagure user "${login}" (a pagure.io account exists only after its first login)`,
          });
          continue;
        }
        await post(
          issuePath(n, "/assign"),
          { assignee: login },
          "idempotent",
          `assign issue #${n}`,
        );
        assignee = login;
      } catch (error) {
        if (!(error instanceof TrackerError)) throw error;
        if (error.outcome === "rejected") {
          refused.push({ login, reason: `Pagure refused the assignment: ${error.message}` });
          continue;
        }
        if (!soft) throw error;
        refused.push({ login, reason: `assignment failed, may be retried: ${error.message}` });
        stopped = `assigning ${login} failed first`;
      }
    }
    return { assignee, refused };
  }

  const tracker: Tracker = {
    type: "pagure",
    key: `pagure:${baseUrl}/${project}`,
    label,

    async ensureLabels(labels) {
      const wanted = [...new Set(labels)];
      if (wanted.length === 0) return 0;
      const { tags } = await call(TagList, {
        method: "GET",
        path: `${projectPath}/tags`,
        kind: "read",
        what: "list tags",
      });
      let writes = 0;
      for (const tag of wanted.filter((t) => !tags.includes(t))) {
        try {
          await post(
            `${projectPath}/tags/new`,
            { tag, tag_color: "#ededed", tag_description: "used by sigmeet" },
            "idempotent",
            `create tag ${tag}`,
          );
          writes++;
        } catch (error) {
          if (!(error instanceof PagureApiError)) throw error;
          // Creating tags needs the modify_project ACL, which a bot token may well lack. That is
          // fine: new_issue creates the tags it is given, so they appear with their first issue
          // (without a colour or description).
          if (error.status === 401 && /Missing ACLs/i.test(String(error.details))) return writes;
          // Made in the meantime (by a person, or a create racing with us): a unique-key error.
          if (error.code === "EDBERROR") continue;
          throw error;
        }
      }
      return writes;
    },

    async createIssue(issue: NewIssue): Promise<CreatedIssue> {
      // Never send `assignee` here: an unknown user makes Pagure 5.14 fail with an HTML 500 and
      // no issue. The assignment comes after, checked, and cannot fail the create.
      const form: Record<string, string> = { title: issue.title, issue_content: issue.body };
      if (issue.labels.length > 0) form["tag"] = issue.labels.join(",");
      const created = await call(Envelope, {
        method: "POST",
        path: `${projectPath}/new_issue`,
        form,
        kind: "once",
        what: "create issue",
      });
      let remote = toRemoteIssue(created.issue, mapContext);
      if (issue.assignees.length === 0) return { issue: remote, refusedAssignees: [] };
      const { assignee, refused } = await assign(remote.number, issue.assignees, null, true);
      if (assignee !== null) remote = { ...remote, assignees: [assignee] };
      return { issue: remote, refusedAssignees: refused };
    },

    async updateIssue(n: number, changes: IssueChanges): Promise<RemoteIssue> {
      // Pagure's edit takes title and content together, so the unchanged one is read first.
      const current = await mustReadIssue(n, false);
      const title = changes.title ?? current.title;
      const content = changes.body ?? current.content ?? "";
      if (title === current.title && content === current.content) {
        return toRemoteIssue(current, mapContext);
      }
      const edited = await call(Envelope, {
        method: "POST",
        path: issuePath(n),
        form: { title, issue_content: content },
        kind: "idempotent",
        what: `edit issue #${n}`,
      });
      return toRemoteIssue(edited.issue, mapContext);
    },

    async setState(n: number, state: IssueState, reason?: CloseReason): Promise<void> {
      const form: Record<string, string> = { status: state === "open" ? "Open" : "Closed" };
      if (state === "closed") {
        const choice = chooseCloseStatus(
          reason ?? "completed",
          await projectCloseStatuses(),
          completedStatus,
        );
        if (!choice.ok) {
          throw new TrackerError(`cannot close issue #${n} in ${label}: ${choice.why}`, "rejected");
        }
        if (choice.closeStatus !== null) form["close_status"] = choice.closeStatus;
      }
      // A repeat answers "No changes" with HTTP 200.
      await post(issuePath(n, "/status"), form, "idempotent", `set status of issue #${n}`);
    },

    async addAssignees(n, logins) {
      if (logins.length === 0) return [];
      const current = await mustReadIssue(n, false);
      const { refused } = await assign(n, logins, current.assignee?.name ?? null, false);
      return refused;
    },

    async comment(n: number, body: string): Promise<void> {
      // The answer has no comment id; the engine finds comments again by their marker.
      await post(issuePath(n, "/comment"), { comment: body }, "once", `comment on issue #${n}`);
    },

    async listComments(n: number): Promise<readonly RemoteComment[]> {
      return toRemoteComments(await mustReadIssue(n, true));
    },

    async getIssue(n: number): Promise<RemoteIssue | null> {
      const issue = await readIssue(n, false);
      return issue === null ? null : toRemoteIssue(issue, mapContext);
    },

    async listIssues(list: ListOptions): Promise<ListResult> {
      const query: [string, string][] = [
        ["status", "all"],
        // Oldest first: an issue created while we page is added at the end instead of pushing
        // every later page down by one.
        ["order", "asc"],
        ["per_page", String(perPage)],
      ];
      if (list.label !== undefined) query.push(["tags", list.label]);
      if (list.since !== undefined) {
        const since = epochFromIso(list.since);
        if (since === null) {
          throw new TrackerError(`listIssues: since is not a date: "${list.since}"`, "rejected");
        }
        query.push(["since", String(since)]);
      }
      // Pages are addressed by number: `pagination.next` drops repeated parameters, and
      // `total_issues` counts only the current page.
      const found = new Map<number, RemoteIssue>();
      for (let page = 1, pages = 1; page <= pages && page <= MAX_PAGES; page++) {
        const answer = await call(PagureIssuePage, {
          method: "GET",
          path: `${projectPath}/issues`,
          query: [...query, ["page", String(page)]],
          kind: "read",
          what: `list issues (page ${page})`,
        });
        for (const issue of answer.issues) found.set(issue.id, toRemoteIssue(issue, mapContext));
        pages = answer.pagination.pages;
      }
      return { issues: [...found.values()] };
    },
  };
  return tracker;
}
