import { z } from "zod";
import type { RemoteComment, RemoteIssue } from "../tracker.ts";
import { closeReasonOf } from "./close-status.ts";

/**
 * Pagure API v0 issue JSON (as served by 5.14.1, `Issue.to_json`) → the port's RemoteIssue.
 * Only the fields the adapter reads are checked; Pagure adds more.
 */

/** Pagure timestamps are strings of (float) epoch seconds, e.g. "1795660777.375171". */
const EpochString = z.string().regex(/^\d+(\.\d+)?$/, "expected epoch seconds");

const PagureComment = z.looseObject({
  id: z.int(),
  comment: z.string(),
  date_created: EpochString,
  /** True for Pagure's own "Metadata Update from @user" notes on status, assignee, … changes. */
  notification: z.boolean().optional(),
});

export const PagureIssue = z.looseObject({
  id: z.int().positive(),
  title: z.string(),
  content: z.string().nullable(),
  status: z.string(),
  close_status: z.string().nullish(),
  date_created: EpochString,
  last_updated: EpochString.optional(),
  tags: z.array(z.string()),
  assignee: z.looseObject({ name: z.string() }).nullable(),
  full_url: z.string().optional(),
  comments: z.array(PagureComment).optional(),
});
export type PagureIssue = z.infer<typeof PagureIssue>;

export const PagureIssuePage = z.looseObject({
  issues: z.array(PagureIssue),
  pagination: z.looseObject({ page: z.int(), pages: z.int().nonnegative() }),
});

/** Rounded down to the millisecond, so a time read back as `since` never skips the issue. */
export function isoFromEpoch(seconds: number): string {
  return new Date(Math.floor(seconds * 1000)).toISOString();
}

/** ISO 8601 → whole epoch seconds, rounded down (Pagure's `since` takes only integers). */
export function epochFromIso(iso: string): number | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.max(0, Math.floor(ms / 1000));
}

export function toRemoteIssue(
  issue: PagureIssue,
  context: { readonly completedStatus: string; readonly issueUrl: (id: number) => string },
): RemoteIssue {
  // After a reopen Pagure keeps closed_at and closed_by (only close_status is cleared), so the
  // state comes from `status` alone.
  const open = issue.status === "Open";
  const created = Number(issue.date_created);
  const updated = Number(issue.last_updated ?? issue.date_created);
  return {
    number: issue.id,
    url: issue.full_url ?? context.issueUrl(issue.id),
    title: issue.title,
    body: issue.content ?? "",
    state: open ? "open" : "closed",
    closeReason: open ? null : closeReasonOf(issue.close_status, context.completedStatus),
    labels: issue.tags,
    assignees: issue.assignee === null ? [] : [issue.assignee.name],
    // Pagure stamps a new issue's last_updated a few milliseconds *before* its date_created. The
    // update time is what `since` compares, so it stays as Pagure has it, and the creation time
    // is taken as the earlier of the two (an issue is not updated before it exists).
    createdAt: isoFromEpoch(Math.min(created, updated)),
    updatedAt: isoFromEpoch(updated),
  };
}

/** People's comments, oldest first, without Pagure's metadata-change notes. */
export function toRemoteComments(issue: PagureIssue): RemoteComment[] {
  return (issue.comments ?? [])
    .filter((c) => c.notification !== true)
    .sort((a, b) => Number(a.date_created) - Number(b.date_created) || a.id - b.id)
    .map((c) => ({ body: c.comment, createdAt: isoFromEpoch(Number(c.date_created)) }));
}
