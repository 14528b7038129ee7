import { closeReasonOf } from "../trackers/pagure/close-status.ts";
import { z } from "zod";
import { parseOrThrow, type InboundIssueEvent } from "./inbound-event.ts";

/**
 * Pagure posts `{"topic", "msg", "msg_id", "timestamp", "i"}` (pagure/lib/tasks_services.py), all of
 * it signed; the `X-Pagure-Topic` header is not signed, so the topic is read from here. `msg_id` is
 * fresh for every notification and Pagure never redelivers, so it is the delivery ID.
 */
const Envelope = z.looseObject({
  topic: z.string(),
  msg_id: z.string().min(1).optional(),
  msg: z.unknown(),
});

// `issue.new`, `issue.edit` and `issue.drop` carry the issue, the project and the agent.
const IssueMessage = z.looseObject({
  issue: z.looseObject({
    id: z.int().positive(),
    status: z.string().min(1),
    close_status: z.string().nullish(),
    content: z.string().nullish(),
  }),
  project: z.looseObject({ fullname: z.string().min(1) }),
  agent: z.string().min(1),
  /** `issue.edit` only: which fields changed, e.g. ["status", "close_status"]. */
  fields: z.array(z.string()).optional(),
});
type IssueMessage = z.infer<typeof IssueMessage>;

/**
 * Maps a Pagure close status the way the Pagure adapter reads one (one table, so a pushed event and
 * a polled issue agree); a close without a status, or with an unknown one ("Fixed", "Done"),
 * counts as completed.
 */
export function pagureCloseReason(
  closeStatus: string | null | undefined,
): Exclude<InboundIssueEvent["closeReason"], null> {
  return closeReasonOf(closeStatus, "") ?? "completed";
}

/** The action of an issue topic, or null for changes the sync does not follow. */
function actionOf(
  topic: string,
  message: IssueMessage,
  state: "open" | "closed",
): InboundIssueEvent["action"] | null {
  if (topic === "issue.new") return "other";
  if (topic === "issue.drop") return "deleted";
  const fields = message.fields;
  // Without the list of changed fields we cannot tell; let the sync compare states itself.
  if (fields === undefined) return "other";
  if (fields.includes("status") || fields.includes("close_status")) {
    return state === "closed" ? "closed" : "reopened";
  }
  if (fields.includes("content") || fields.includes("title")) return "edited";
  return null; // priority, milestone, privacy
}

const ISSUE_TOPICS = new Set(["issue.new", "issue.edit", "issue.drop"]);

/**
 * The issue event in a Pagure web-hook payload, or null for other topics (comments, tags,
 * assignees, pull requests…). `bodyDigest` (a hash of the raw body) is the delivery ID when the
 * payload has no `msg_id`. Throws a PayloadError for an issue topic without the fields we need.
 */
export function pagureIssueEvent(payload: unknown, bodyDigest: string): InboundIssueEvent | null {
  const envelope = parseOrThrow(Envelope, payload, "Pagure notification");
  if (!ISSUE_TOPICS.has(envelope.topic)) return null;
  const message = parseOrThrow(IssueMessage, envelope.msg, `${envelope.topic} msg`);
  // Pagure's statuses are "Open" and "Closed"; a close status is kept apart in close_status.
  const state = message.issue.status.toLowerCase() === "open" ? "open" : "closed";
  const action = actionOf(envelope.topic, message, state);
  if (action === null) return null;
  return {
    source: "pagure",
    deliveryId: envelope.msg_id ?? bodyDigest,
    repository: message.project.fullname,
    number: message.issue.id,
    action,
    state,
    closeReason: state === "closed" ? pagureCloseReason(message.issue.close_status) : null,
    body: message.issue.content ?? "",
    sender: message.agent,
  };
}
