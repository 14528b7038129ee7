import { describe, expect, it } from "vitest";
import { githubIssueEvent } from "../../src/webhooks/github-event.ts";
import { PayloadError } from "../../src/webhooks/inbound-event.ts";
import { githubIssuesPayload, githubPing } from "./payloads.ts";

const ID = "9a1b2c3d-0000-11f0-8000-4c9367dc0958";

describe("githubIssueEvent", () => {
  it.each([
    ["closed", "closed", "completed", "closed", "completed"],
    ["closed", "closed", "not_planned", "closed", "not_planned"],
    ["closed", "closed", "duplicate", "closed", "duplicate"],
    // Deliveries from before state_reason existed: a plain close.
    ["closed", "closed", null, "closed", "completed"],
    ["reopened", "open", "reopened", "reopened", null],
    ["edited", "open", null, "edited", null],
    ["deleted", "closed", "completed", "deleted", "completed"],
    ["opened", "open", null, "other", null],
    ["transferred", "open", null, "other", null],
  ] as const)("maps %s (%s, %s)", (action, state, stateReason, expected, closeReason) => {
    const event = githubIssueEvent(
      "issues",
      ID,
      githubIssuesPayload({ action, state, stateReason }),
    );
    expect(event).toMatchObject({ action: expected, state, closeReason });
  });

  it("keeps the body (with its marker) and the sender; a null body is empty", () => {
    const event = githubIssueEvent(
      "issues",
      ID,
      githubIssuesPayload({ sender: "sigmeet-bot[bot]" }),
    );
    expect(event?.sender).toBe("sigmeet-bot[bot]");
    expect(event?.body).toContain("<!-- meeting-sync v1 id=mtgsync7f3a9c2e1b4d8a06 -->");
    expect(githubIssueEvent("issues", ID, githubIssuesPayload({ body: null }))?.body).toBe("");
  });

  it.each([
    "labeled",
    "unlabeled",
    "assigned",
    "unassigned",
    "pinned",
    "milestoned",
    "constructor",
    "__proto__",
  ])("ignores the %s action", (action) => {
    expect(githubIssueEvent("issues", ID, githubIssuesPayload({ action }))).toBeNull();
  });

  it("ignores other events, whatever their payload", () => {
    expect(githubIssueEvent("ping", ID, githubPing)).toBeNull();
    expect(githubIssueEvent("issue_comment", ID, githubIssuesPayload())).toBeNull();
    expect(githubIssueEvent("pull_request", ID, "not even an object")).toBeNull();
  });

  it("refuses an issues payload without the fields it needs, naming them", () => {
    const p = githubIssuesPayload();
    expect(() => githubIssueEvent("issues", ID, { ...p, issue: { state: "closed" } })).toThrow(
      PayloadError,
    );
    expect(() =>
      githubIssueEvent("issues", ID, { ...p, repository: { full_name: "eln" } }),
    ).toThrow("repository.full_name");
    expect(() =>
      githubIssueEvent("issues", ID, {
        ...p,
        issue: { ...(p["issue"] as object), state: "merged" },
      }),
    ).toThrow("issue.state");
    expect(() => githubIssueEvent("issues", ID, [])).toThrow(PayloadError);
  });
});
