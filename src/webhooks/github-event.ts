import { z } from "zod";
import { parseOrThrow, type InboundIssueEvent } from "./inbound-event.ts";

/**
 * The `issues` actions that can change what the sync knows: state, body (its marker) or existence.
 * Labels, assignees, milestones, pins and locks are left out, and so are actions GitHub adds later
 * (the notes say: check both the event name and the action). `opened` and `transferred` are passed
 * on as "other": the sync may want to see an issue appear or leave the repository.
 */
const ACTIONS: ReadonlyMap<string, InboundIssueEvent["action"]> = new Map([
  ["closed", "closed"],
  ["reopened", "reopened"],
  ["edited", "edited"],
  ["deleted", "deleted"],
  ["opened", "other"],
  ["transferred", "other"],
]);

// Only the fields used; anything else in GitHub's payload passes through unchecked.
const IssuesPayload = z.looseObject({
  action: z.string(),
  issue: z.looseObject({
    number: z.int().positive(),
    state: z.enum(["open", "closed"]),
    state_reason: z.string().nullish(),
    body: z.string().nullish(),
  }),
  repository: z.looseObject({ full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/) }),
  sender: z.looseObject({ login: z.string().min(1) }),
});

const Action = z.looseObject({ action: z.string() });

/** GitHub's `state_reason`; null (events from before it existed) counts as completed. */
function closeReason(reason: string | null | undefined): InboundIssueEvent["closeReason"] {
  if (reason === "not_planned") return "not_planned";
  if (reason === "duplicate") return "duplicate";
  return "completed";
}

/**
 * The issue event in a GitHub delivery (`X-GitHub-Event` is `eventName`), or null for deliveries
 * that do not concern an issue's state or content (`ping`, `issue_comment`, labels…). Throws a
 * PayloadError for an `issues` delivery without the fields we need.
 */
export function githubIssueEvent(
  eventName: string,
  deliveryId: string,
  payload: unknown,
): InboundIssueEvent | null {
  if (eventName !== "issues") return null;
  const action = ACTIONS.get(parseOrThrow(Action, payload, "issues event").action);
  if (action === undefined) return null;
  const p = parseOrThrow(IssuesPayload, payload, "issues event");
  return {
    source: "github",
    deliveryId,
    repository: p.repository.full_name,
    number: p.issue.number,
    action,
    state: p.issue.state,
    closeReason: p.issue.state === "closed" ? closeReason(p.issue.state_reason) : null,
    body: p.issue.body ?? "",
    sender: p.sender.login,
  };
}
