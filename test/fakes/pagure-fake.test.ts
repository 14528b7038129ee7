import { describe, expect, it } from "vitest";
import { describePagureQuirks } from "../trackers/pagure/pagure-quirks.ts";
import { PagureFake } from "./pagure-fake.ts";

// The same checks run against the real Pagure in the real-Pagure tier (npm run test:pagure).
describePagureQuirks("the in-process fake", () => {
  const fake = new PagureFake();
  return Promise.resolve({
    fetch: fake.fetch,
    baseUrl: fake.baseUrl,
    project: fake.project,
    token: fake.token,
    bot: "sigmeet-bot",
    user: "alice",
  });
});

describe("Pagure fake faults", () => {
  const form = (fields: Record<string, string>) => ({
    method: "POST",
    headers: {
      authorization: `token ${"T".repeat(64)}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields).toString(),
  });

  it("commits, then answers with an HTML 500 or drops the connection", async () => {
    const fake = new PagureFake();
    const url = `${fake.baseUrl}/api/0/fedora-sig/eln/new_issue`;
    fake.injectFault(/new_issue$/, "500-after-commit");
    const answer = await fake.fetch(url, form({ title: "a", issue_content: "b" }));
    expect([answer.status, answer.headers.get("content-type")]).toEqual([
      500,
      "text/html; charset=utf-8",
    ]);
    fake.injectFault(/new_issue$/, "drop-after-commit");
    await expect(fake.fetch(url, form({ title: "a", issue_content: "b" }))).rejects.toThrow(
      /fetch failed/,
    );
    expect(fake.issues).toHaveLength(2);
  });

  it("fails before writing, or hangs until the client gives up", async () => {
    const fake = new PagureFake();
    const url = `${fake.baseUrl}/api/0/fedora-sig/eln/new_issue`;
    fake.injectFault(/new_issue$/, "server-error");
    expect((await fake.fetch(url, form({ title: "a", issue_content: "b" }))).status).toBe(500);
    fake.injectFault(/new_issue$/, "hang");
    await expect(
      fake.fetch(url, {
        ...form({ title: "a", issue_content: "b" }),
        signal: AbortSignal.timeout(20),
      }),
    ).rejects.toMatchObject({ name: "TimeoutError" });
    expect(fake.issues).toHaveLength(0);
    expect(fake.calls).toEqual([
      "POST /api/0/fedora-sig/eln/new_issue",
      "POST /api/0/fedora-sig/eln/new_issue",
    ]);
  });

  it("refuses tag creation to a token without modify_project", async () => {
    const fake = new PagureFake({ acls: ["issue_create"] });
    const answer = await fake.fetch(
      `${fake.baseUrl}/api/0/fedora-sig/eln/tags/new`,
      form({ tag: "meeting", tag_color: "#fff" }),
    );
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({
      error_code: "EINVALIDTOK",
      errors: "Missing ACLs: modify_project",
    });
  });
});
