import { describe, expect, it } from "vitest";
import { issue, label, simpleUser } from "./github-objects.ts";
import { responseProblems } from "./github-openapi.ts";

const bot = simpleUser("sigmeet-bot", 1001);
const sample = issue({
  owner: "fedora-eln",
  repo: "eln",
  number: 7,
  id: 90_007,
  title: "sgallagh to draft the policy",
  body: "From the ELN SIG meeting",
  user: bot,
  labels: [label("fedora-eln", "eln", "meeting-action", 501)],
  assignees: [simpleUser("sgallagh", 1002)],
  state: "open",
  stateReason: null,
  comments: 0,
  createdAt: "2026-11-26T10:00:00Z",
  updatedAt: "2026-11-26T10:00:00Z",
  closedAt: null,
});

// The validator is what keeps the GitHub fake honest, so it must itself catch drift.
describe("GitHub OpenAPI subset validator", () => {
  it("accepts objects shaped as GitHub returns them", () => {
    expect(responseProblems("POST", "/repos/fedora-eln/eln/issues", 201, sample)).toEqual([]);
    expect(
      responseProblems("GET", "/repos/fedora-eln/eln/issues?state=all&per_page=100", 200, [sample]),
    ).toEqual([]);
    expect(
      responseProblems(
        "POST",
        "/repos/fedora-eln/eln/labels",
        201,
        label("fedora-eln", "eln", "decision", 502),
      ),
    ).toEqual([]);
    expect(
      responseProblems("GET", "/repos/fedora-eln/eln/assignees/sgallagh", 204, undefined),
    ).toEqual([]);
  });

  it("refuses a naive fake issue and says what is missing", () => {
    const naive = { id: 1, number: 1, title: "x", state: "open", labels: [], user: null };
    const problems = responseProblems("POST", "/repos/fedora-eln/eln/issues", 201, naive);
    expect(problems.join("\n")).toContain("must have required property 'comments_url'");
  });

  it("refuses values outside GitHub's enums, and undocumented statuses", () => {
    const wrong = { ...sample, state_reason: "done" };
    expect(
      responseProblems("PATCH", "/repos/fedora-eln/eln/issues/7", 200, wrong).join("\n"),
    ).toContain("state_reason");
    expect(responseProblems("POST", "/repos/fedora-eln/eln/issues", 418, sample)).toEqual([
      "POST /repos/{owner}/{repo}/issues: status 418 is not documented",
    ]);
  });

  it("knows GitHub's error bodies", () => {
    const validation = {
      message: "Validation Failed",
      errors: [{ resource: "Issue", field: "assignees", code: "invalid", value: "nobody" }],
      documentation_url: "https://docs.github.com/rest/issues/issues#create-an-issue",
    };
    expect(responseProblems("POST", "/repos/fedora-eln/eln/issues", 422, validation)).toEqual([]);
    expect(
      responseProblems("POST", "/repos/fedora-eln/eln/issues", 422, { errors: "nope" }),
    ).not.toEqual([]);
  });
});
