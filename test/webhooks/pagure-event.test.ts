import { describe, expect, it } from "vitest";
import { PayloadError } from "../../src/webhooks/inbound-event.ts";
import { pagureCloseReason, pagureIssueEvent } from "../../src/webhooks/pagure-event.ts";
import { pagureBody } from "./payloads.ts";

const DIGEST = "d".repeat(64);
const parse = (body: string) => pagureIssueEvent(JSON.parse(body) as unknown, DIGEST);

describe("pagureIssueEvent", () => {
  it("reads a close: project, issue id, agent, content, msg_id", () => {
    expect(parse(pagureBody())).toEqual({
      source: "pagure",
      deliveryId: "2026-0b8e2f4c-5d1a-4c3e-9f7b-6a2d1e0c9b84",
      repository: "fesco",
      number: 3141,
      action: "closed",
      state: "closed",
      closeReason: "completed",
      body: "Raised in the FESCo meeting; café follow-up.\n\n<!-- meeting-sync v1 id=mtgsync7f3a9c2e1b4d8a06 -->",
      sender: "sgallagh",
    });
  });

  it.each([
    [{ status: "Closed", closeStatus: "Duplicate" }, "closed", "closed", "duplicate"],
    [{ status: "Closed", closeStatus: "Invalid" }, "closed", "closed", "not_planned"],
    // A close status changed on a closed issue: closed again, for another reason.
    [{ closeStatus: "Won't fix", fields: ["close_status"] }, "closed", "closed", "not_planned"],
    [{ status: "Open", fields: ["status", "close_status"] }, "reopened", "open", null],
    [{ status: "Open", fields: ["content"] }, "edited", "open", null],
    [{ status: "Open", fields: ["title"] }, "edited", "open", null],
    [{ topic: "issue.new", status: "Open" }, "other", "open", null],
    [{ topic: "issue.drop" }, "deleted", "closed", "completed"],
    [{ fields: null }, "other", "closed", "completed"],
  ] as const)("maps %o", (options, action, state, closeReason) => {
    expect(parse(pagureBody(options))).toMatchObject({ action, state, closeReason });
  });

  it("ignores topics and edits the sync does not follow", () => {
    for (const topic of [
      "issue.comment.added",
      "issue.tag.added",
      "issue.assigned.added",
      "pull-request.new",
      "git.receive",
    ]) {
      expect(parse(pagureBody({ topic, fields: null }))).toBeNull();
    }
    expect(parse(pagureBody({ fields: ["priority", "milestone"] }))).toBeNull();
  });

  it("falls back to the body digest when the payload has no msg_id", () => {
    expect(parse(pagureBody({ msgId: null }))?.deliveryId).toBe(DIGEST);
  });

  it("refuses a payload without a topic, or an issue topic without the issue", () => {
    expect(() => pagureIssueEvent({ msg: {} }, DIGEST)).toThrow(PayloadError);
    expect(() =>
      pagureIssueEvent(
        { topic: "issue.edit", msg: { agent: "x", project: { fullname: "p" } } },
        DIGEST,
      ),
    ).toThrow("issue");
  });
});

describe("pagureCloseReason", () => {
  it.each([
    ["Fixed", "completed"],
    ["Done", "completed"],
    [null, "completed"],
    ["Duplicate", "duplicate"],
    ["Won't fix", "not_planned"],
    ["WONTFIX", "not_planned"],
    ["Invalid", "not_planned"],
    ["Insufficient data", "not_planned"],
    ["Can't fix", "not_planned"],
  ] as const)("%s → %s", (status, reason) => {
    expect(pagureCloseReason(status)).toBe(reason);
  });
});
