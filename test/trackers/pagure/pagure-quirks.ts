import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { FetchLike } from "../../../src/trackers/pagure/pagure-http.ts";

/**
 * Pagure 5.14 behaviours the adapter is built around, checked with raw HTTP calls. Registered
 * against the real server (the real-Pagure tier) and against test/fakes/pagure-fake.ts (the
 * normal tier), so the fake is held to what the real server does.
 */
export interface PagureQuirksTarget {
  readonly fetch: FetchLike;
  readonly baseUrl: string;
  /** `namespace/name` or `name`. */
  readonly project: string;
  /** A project token with the issue ACLs and modify_project. */
  readonly token: string;
  /** The token's user. */
  readonly bot: string;
  /** An existing user other than the bot. */
  readonly user: string;
}

interface Answer {
  status: number;
  type: string;
  text: string;
  json: Record<string, unknown>;
}

export function describePagureQuirks(
  name: string,
  setup: () => Promise<PagureQuirksTarget>,
  settings: { timeoutMs?: number } = {},
): void {
  const timeout = settings.timeoutMs ?? 60_000;

  describe(`Pagure behaviour: ${name}`, () => {
    async function open() {
      const t = await setup();
      const api = async (
        method: "GET" | "POST",
        path: string,
        form?: Record<string, string>,
        token: string = t.token,
      ): Promise<Answer> => {
        const headers: Record<string, string> = { authorization: `token ${token}` };
        const init: RequestInit = { method, headers };
        if (form !== undefined) {
          headers["content-type"] = "application/x-www-form-urlencoded";
          init.body = new URLSearchParams(form).toString();
        }
        const response = await t.fetch(`${t.baseUrl}/api/0/${path}`, init);
        const text = await response.text();
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(text) as Record<string, unknown>;
        } catch {
          // HTML error pages stay in `text`.
        }
        return {
          status: response.status,
          type: response.headers.get("content-type") ?? "",
          text,
          json,
        };
      };
      const p = t.project;
      const create = async (tags: string[], extra: Record<string, string> = {}) => {
        const answer = await api("POST", `${p}/new_issue`, {
          title: "quirk",
          issue_content: `quirk body ${randomBytes(4).toString("hex")}`,
          tag: tags.join(","),
          ...extra,
        });
        expect(answer.status).toBe(200);
        return answer.json["issue"] as Record<string, unknown> & { id: number };
      };
      return { t, api, p, create };
    }

    it("reports API version 0.31", { timeout }, async () => {
      const { api } = await open();
      expect((await api("GET", "-/version")).json).toEqual({ version: "0.31" });
    });

    it(
      "creates with sorted tags and float-epoch strings, never with an unknown assignee",
      { timeout },
      async () => {
        const { api, p, create } = await open();
        const tag = freshTag();
        const failed = await api("POST", `${p}/new_issue`, {
          title: "bad assignee",
          issue_content: "x",
          tag,
          assignee: `nosuchuser${randomBytes(3).toString("hex")}`,
        });
        expect(failed.status).toBe(500);
        expect(failed.type).toMatch(/text\/html/);
        expect(failed.text).toMatch(/<html|<!doctype/i);
        const none = await api("GET", `${p}/issues?status=all&tags=${tag}`);
        expect(none.json["issues"]).toEqual([]);

        const issue = await create([`zz-${tag}`, `aa-${tag}`]);
        expect(issue["tags"]).toEqual([`aa-${tag}`, `zz-${tag}`]);
        expect(issue["assignee"]).toBeNull();
        expect(issue["status"]).toBe("Open");
        expect(issue["close_status"]).toBeNull();
        expect(issue["date_created"]).toMatch(/^\d+\.\d+$/);
        expect(issue["last_updated"]).toMatch(/^\d+\.\d+$/);
        expect(Number(issue["last_updated"])).toBeLessThanOrEqual(Number(issue["date_created"]));
        expect(String(issue["full_url"])).toMatch(new RegExp(`/${p}/issue/${issue.id}$`));

        const noContent = await api("POST", `${p}/new_issue`, { title: "no content" });
        expect(noContent.status).toBe(400);
        expect(noContent.json).toMatchObject({
          error_code: "EINVALIDREQ",
          errors: { issue_content: ["This field is required."] },
        });
      },
    );

    it(
      "assigns known users only, converges on repeats, and notes metadata changes as notifications",
      { timeout },
      async () => {
        const { t, api, p, create } = await open();
        const { id } = await create([freshTag()]);
        const unknown = await api("POST", `${p}/issue/${id}/assign`, { assignee: "nosuchuser" });
        expect(unknown.status).toBe(400);
        expect(unknown.json).toEqual({
          error: 'No user "nosuchuser" found',
          error_code: "ENOCODE",
        });
        const first = await api("POST", `${p}/issue/${id}/assign`, { assignee: t.user });
        expect(first.json).toEqual({ message: `Issue assigned to ${t.user}` });
        const again = await api("POST", `${p}/issue/${id}/assign`, { assignee: t.user });
        expect(again.json).toEqual({ message: "Nothing to change" });

        const commented = await api("POST", `${p}/issue/${id}/comment`, { comment: "hello" });
        expect(commented.status).toBe(200);
        expect(commented.json["message"]).toBe("Comment added");
        expect(commented.json).not.toHaveProperty("id");

        const read = await api("GET", `${p}/issue/${id}`);
        const comments = read.json["comments"] as Record<string, unknown>[];
        expect(comments.map((c) => [c["notification"], c["comment"]])).toEqual([
          [true, `**Metadata Update from @${t.bot}**:\n- Issue assigned to ${t.user}`],
          [false, "hello"],
        ]);
        expect(comments[1]?.["date_created"]).toMatch(/^\d+\.\d+$/);
        expect(Number(comments[1]?.["id"])).toBeGreaterThan(Number(comments[0]?.["id"]));
        expect((read.json["assignee"] as { name: string }).name).toBe(t.user);
        const bare = await api("GET", `${p}/issue/${id}?comments=0`);
        expect(bare.json["comments"]).toEqual([]);
      },
    );

    it(
      "closes with a close status, says No changes on a repeat, and keeps closed_at after a reopen",
      { timeout },
      async () => {
        const { api, p, create } = await open();
        const { id } = await create([freshTag()]);
        const closed = await api("POST", `${p}/issue/${id}/status`, {
          status: "Closed",
          close_status: "Fixed",
        });
        expect(closed.json).toEqual({
          message: [
            "Issue status updated to: Closed (was: Open)",
            "Issue close_status updated to: Fixed",
          ],
        });
        const repeat = await api("POST", `${p}/issue/${id}/status`, {
          status: "Closed",
          close_status: "Fixed",
        });
        expect(repeat.json).toEqual({ message: "No changes" });
        const recast = await api("POST", `${p}/issue/${id}/status`, {
          status: "Closed",
          close_status: "Won't fix",
        });
        expect(recast.json).toEqual({
          message: ["Issue close_status updated to: Won't fix (was: Fixed)"],
        });
        const bad = await api("POST", `${p}/issue/${id}/status`, {
          status: "Closed",
          close_status: "Nope",
        });
        expect(bad.status).toBe(400);
        expect(bad.json).toMatchObject({
          error_code: "EINVALIDREQ",
          errors: { close_status: ["Not a valid choice."] },
        });

        const reopened = await api("POST", `${p}/issue/${id}/status`, { status: "Open" });
        expect(reopened.json).toEqual({ message: ["Issue status updated to: Open (was: Closed)"] });
        const read = await api("GET", `${p}/issue/${id}?comments=0`);
        expect(read.json["status"]).toBe("Open");
        expect(read.json["close_status"]).toBeNull();
        expect(read.json["closed_at"]).not.toBeNull();
      },
    );

    it("edits title and content only together", { timeout }, async () => {
      const { api, p, create } = await open();
      const { id } = await create([freshTag()]);
      const titleOnly = await api("POST", `${p}/issue/${id}`, { title: "only a title" });
      expect(titleOnly.status).toBe(400);
      expect(titleOnly.json).toMatchObject({ error_code: "EINVALIDREQ" });
      const edited = await api("POST", `${p}/issue/${id}`, {
        title: "new title",
        issue_content: "new content",
      });
      expect(edited.json["message"]).toBe("Issue edited");
      expect(edited.json["issue"]).toMatchObject({ title: "new title", content: "new content" });
    });

    it(
      "counts issues per page, drops repeated parameters from `next`, and caps per_page",
      { timeout },
      async () => {
        const { api, p, create } = await open();
        const tag = freshTag();
        const other = freshTag();
        for (let k = 0; k < 3; k++) await create([tag]);
        const first = await api(
          "GET",
          `${p}/issues?status=all&per_page=2&page=1&tags=${tag}&tags=${other}`,
        );
        expect(first.json["total_issues"]).toBe(2);
        const pagination = first.json["pagination"] as Record<string, unknown>;
        expect([pagination["page"], pagination["pages"], pagination["per_page"]]).toEqual([
          1, 2, 2,
        ]);
        const next = new URL(String(pagination["next"]));
        expect(next.searchParams.getAll("tags")).toEqual([tag]);
        expect(next.searchParams.get("page")).toBe("2");

        const second = await api("GET", `${p}/issues?status=all&per_page=2&page=2&tags=${tag}`);
        expect(second.json["total_issues"]).toBe(1);
        expect((second.json["pagination"] as Record<string, unknown>)["next"]).toBeNull();

        const none = await api("GET", `${p}/issues?status=all&tags=${freshTag()}`);
        expect(none.json["total_issues"]).toBe(0);
        expect((none.json["pagination"] as Record<string, unknown>)["pages"]).toBe(0);

        const tooMany = await api("GET", `${p}/issues?per_page=200`);
        expect(tooMany.status).toBe(400);
        expect(tooMany.json["error_code"]).toBe("EINVALIDPERPAGEVALUE");
      },
    );

    it("filters on last_updated with `since`, in epoch seconds or Y-M-D", { timeout }, async () => {
      const { api, p, create } = await open();
      const tag = freshTag();
      const issue = await create([tag]);
      const updated = Math.floor(Number(issue["last_updated"]));
      const at = await api("GET", `${p}/issues?status=all&tags=${tag}&since=${updated}`);
      expect((at.json["issues"] as unknown[]).length).toBe(1);
      const after = await api("GET", `${p}/issues?status=all&tags=${tag}&since=${updated + 3600}`);
      expect(after.json["issues"]).toEqual([]);
      const day = new Date(updated * 1000).toISOString().slice(0, 10);
      const byDay = await api("GET", `${p}/issues?status=all&tags=${tag}&since=${day}`);
      expect((byDay.json["issues"] as unknown[]).length).toBe(1);
      const bad = await api("GET", `${p}/issues?status=all&since=yesterday`);
      expect([bad.status, bad.json["error_code"]]).toEqual([400, "EDATETIME"]);
    });

    it("answers missing things with JSON 404s", { timeout }, async () => {
      const { t, api, p } = await open();
      const issue = await api("GET", `${p}/issue/987654321`);
      expect([issue.status, issue.json]).toEqual([
        404,
        { error: "Issue not found", error_code: "ENOISSUE" },
      ]);
      const user = await api("GET", "user/nosuchuser");
      expect([user.status, user.json["error_code"]]).toEqual([404, "ENOUSER"]);
      const known = await api("GET", `user/${t.user}`);
      expect(known.status).toBe(200);
      expect((known.json["user"] as { name: string }).name).toBe(t.user);
    });

    it(
      "lists tags sorted, creates one, and refuses an existing one at the database",
      { timeout },
      async () => {
        const { api, p } = await open();
        const tag = freshTag();
        const made = await api("POST", `${p}/tags/new`, {
          tag,
          tag_color: "#ededed",
          tag_description: "quirk",
        });
        expect(made.json).toEqual({
          message: "Tag created",
          tag: { tag, tag_color: "#ededed", tag_description: "quirk" },
        });
        const again = await api("POST", `${p}/tags/new`, { tag, tag_color: "#ededed" });
        expect([again.status, again.json["error_code"]]).toEqual([400, "EDBERROR"]);
        const tags = (await api("GET", `${p}/tags`)).json["tags"] as string[];
        expect(tags).toContain(tag);
        expect(tags).toEqual([...tags].sort());
      },
    );

    it("refuses a bad token with 401 EINVALIDTOK, on reads too", { timeout }, async () => {
      const { api, p } = await open();
      for (const [method, path] of [
        ["POST", `${p}/new_issue`],
        ["GET", `${p}/issues`],
      ] as const) {
        const answer = await api(
          method,
          path,
          method === "POST" ? { title: "x" } : undefined,
          "nope",
        );
        expect(answer.status).toBe(401);
        expect(answer.json).toMatchObject({ error_code: "EINVALIDTOK", errors: "Invalid token" });
        expect(String(answer.json["error"])).toMatch(/^Invalid or expired token/);
      }
    });
  });
}

function freshTag(): string {
  return `q-${randomBytes(4).toString("hex")}`;
}
