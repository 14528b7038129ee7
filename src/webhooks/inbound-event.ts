import type { z } from "zod";

/**
 * What a tracker told us about one of its issues, reduced to what the sync applies: an issue closed
 * marks its action item done (or dropped), reopened makes it open again. Built only from a payload
 * whose signature was checked.
 */
export interface InboundIssueEvent {
  readonly source: "github" | "pagure";
  /** GitHub's `X-GitHub-Delivery` (kept on redelivery); Pagure's `msg_id`, else a body digest. */
  readonly deliveryId: string;
  /** GitHub `owner/repo`; Pagure `namespace/name` or `name` (a fork: `forks/user/name`). */
  readonly repository: string;
  readonly number: number;
  readonly action: "closed" | "reopened" | "edited" | "deleted" | "other";
  /** The issue's state after the event. */
  readonly state: "open" | "closed";
  /** Why it was closed; null while open. */
  readonly closeReason: "completed" | "not_planned" | "duplicate" | null;
  /** The issue body, where the sync finds its hidden marker. */
  readonly body: string;
  /** Login of who did it: the sync ignores its own bot's events. */
  readonly sender: string;
}

/**
 * A signed payload of a kind we handle, but not in the shape we expect (answered 400). The message
 * names the fields at fault, never their values.
 */
export class PayloadError extends Error {
  override readonly name = "PayloadError";
}

/** Parses `value`, or throws a PayloadError naming the paths that did not fit. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const where = result.error.issues.map((issue) =>
    issue.path.length === 0 ? "(top level)" : issue.path.join("."),
  );
  throw new PayloadError(`${what}: unexpected ${[...new Set(where)].join(", ")}`);
}
