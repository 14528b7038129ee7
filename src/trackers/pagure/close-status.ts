import type { CloseReason } from "../tracker.ts";

/**
 * Pagure has no close reasons, only close statuses that each project defines ("Fixed",
 * "Won't fix", "Duplicate", "Insufficient data", …). These two functions translate both ways.
 *
 * Reading follows the same rule as the webhook side (src/webhooks/pagure-event.ts), so a polled
 * issue and a pushed event agree: "duplicate" is a duplicate, the usual ways of saying "will not
 * be done" are not_planned, and anything else (Fixed, Done, Accepted, a project's own words)
 * counts as completed. Statuses are compared without case, spaces or punctuation.
 */

const NOT_PLANNED = new Set([
  "wontfix",
  "wontdo",
  "cantfix",
  "invalid",
  "insufficientdata",
  "notabug",
  "notplanned",
  "rejected",
  "declined",
  "dropped",
  "obsolete",
  "cancelled",
  "canceled",
  "worksforme",
]);

/** Preferred when closing as not planned and the project has several of them. */
const NOT_PLANNED_PREFERENCE = ["wontfix", "invalid"];

function squash(status: string): string {
  return status.toLowerCase().replace(/[^a-z]/g, "");
}

/** The close reason of a closed Pagure issue; null when it was closed without a close status. */
export function closeReasonOf(
  closeStatus: string | null | undefined,
  completedStatus: string,
): CloseReason | null {
  if (closeStatus === null || closeStatus === undefined || closeStatus === "") return null;
  if (closeStatus === completedStatus) return "completed";
  const key = squash(closeStatus);
  if (key === "duplicate") return "duplicate";
  return NOT_PLANNED.has(key) ? "not_planned" : "completed";
}

export type CloseStatusChoice =
  /** Close with this close status (spelled as the project spells it). */
  | { readonly ok: true; readonly closeStatus: string | null }
  | { readonly ok: false; readonly why: string };

/**
 * The close status to send for a reason, from the project's list. `closeStatus: null` means a
 * plain close without one, which Pagure allows: used when the project has no close statuses at
 * all, or none that means "not planned" / "duplicate" (a duplicate falls back to not planned
 * first). The configured completed status must exist when the project has a list: closing as
 * completed under some other name would read back wrongly, so that is refused instead.
 */
export function chooseCloseStatus(
  reason: CloseReason,
  projectStatuses: readonly string[],
  completedStatus: string,
): CloseStatusChoice {
  if (projectStatuses.length === 0) return { ok: true, closeStatus: null };
  if (reason === "completed") {
    return projectStatuses.includes(completedStatus)
      ? { ok: true, closeStatus: completedStatus }
      : {
          ok: false,
          why:
            `the configured close status "${completedStatus}" is not one of the project's ` +
            `(${projectStatuses.map((s) => `"${s}"`).join(", ")}); set closeStatus in the tracker config`,
        };
  }
  if (reason === "duplicate") {
    const duplicate = projectStatuses.find((s) => squash(s) === "duplicate");
    if (duplicate !== undefined) return { ok: true, closeStatus: duplicate };
  }
  const notPlanned = projectStatuses.filter(
    (s) => NOT_PLANNED.has(squash(s)) && s !== completedStatus,
  );
  for (const preferred of NOT_PLANNED_PREFERENCE) {
    const found = notPlanned.find((s) => squash(s) === preferred);
    if (found !== undefined) return { ok: true, closeStatus: found };
  }
  return { ok: true, closeStatus: notPlanned[0] ?? null };
}
