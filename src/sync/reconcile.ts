import { findSyncId, noteMarker } from "../render/issue-draft.ts";
import type { SyncOp } from "../store/sync-state.ts";
import type { RemoteIssue } from "../trackers/tracker.ts";
import { newLink } from "./links.ts";
import type { SyncContext } from "./sync-context.ts";

/** Detail of a create op, written with its intent so a later run can finish it without the call. */
export interface CreateDetail {
  readonly title: string;
  readonly hash: string;
  readonly textHash: string;
  readonly assignees: readonly string[];
  readonly meetingKey: string;
  readonly itemKind: "action" | "decision";
}

/** Detail of a comment op. */
export interface CommentDetail {
  readonly number: number;
  readonly tag: string;
  readonly hash: string;
  readonly textHash: string;
  readonly meetingKey: string;
  /** Whether the comment is the item's record (a decision) rather than a note about it. */
  readonly record: boolean;
}

/** How far before an op's start to look for what it may have created (clock skew, rounding). */
const SLACK_MS = 5 * 60_000;

/**
 * Settles the ops a previous run left in flight (it crashed) or with an unknown outcome (timeout,
 * 502): a create or comment is looked for by its hidden marker and adopted if it happened, or
 * marked failed so the plan makes it again. Idempotent ops are simply planned again.
 * Never writes to the tracker.
 */
export async function reconcile(ctx: SyncContext): Promise<void> {
  const pending = ctx.state.pendingOps(ctx.tracker.key);
  if (pending.length === 0) return;
  const creates = pending.filter((op) => op.op === "create");
  if (creates.length > 0) await reconcileCreates(ctx, creates);
  for (const op of pending) {
    if (op.op === "create") continue;
    if (op.op === "comment") await reconcileComment(ctx, op);
    else ctx.state.failOp(op.id, "failed", "interrupted; planned again");
  }
}

async function reconcileCreates(ctx: SyncContext, ops: readonly SyncOp[]): Promise<void> {
  const earliest = Math.min(...ops.map((op) => Date.parse(op.startedAt)));
  // Every issue touched since the first lost create, whatever its labels: a token without push
  // access has its labels silently dropped by GitHub, and such an issue must still be found.
  const listed = await ctx.tracker.listIssues({
    since: new Date(earliest - SLACK_MS).toISOString(),
  });
  const byMarker = new Map<string, RemoteIssue>();
  for (const issue of listed.issues ?? []) {
    const id = findSyncId(issue.body);
    const seen = id === null ? undefined : byMarker.get(id);
    // Two issues for one item (should never be): keep the oldest; the poll's sweep closes the rest.
    if (id !== null && (seen === undefined || issue.number < seen.number)) byMarker.set(id, issue);
  }
  for (const op of ops) {
    const detail = JSON.parse(op.detail) as CreateDetail;
    const found = byMarker.get(op.syncId);
    const linked = ctx.state.link(op.syncId);
    if (found !== undefined && linked === undefined) {
      ctx.state.finishOp(op.id, () => {
        ctx.state.saveLink(
          newLink(ctx.tracker.key, op.syncId, detail.meetingKey, detail.itemKind, found, {
            pushedHash: detail.hash,
            textHash: detail.textHash,
            assignees: detail.assignees,
          }),
        );
      });
      ctx.report.adopted++;
      // The run that lost the answer counted a failure; the issue exists after all.
      ctx.report.failures = ctx.report.failures.filter((f) => f.syncId !== op.syncId);
      ctx.log(`adopted #${String(found.number)} (created by an interrupted run) for ${op.syncId}`);
    } else if (found !== undefined) {
      ctx.state.finishOp(op.id);
    } else {
      ctx.state.failOp(op.id, "failed", "not created (no issue carries its marker); created again");
    }
  }
}

async function reconcileComment(ctx: SyncContext, op: SyncOp): Promise<void> {
  const detail = JSON.parse(op.detail) as CommentDetail;
  const marker = noteMarker(op.syncId, detail.tag);
  const comments = await ctx.tracker.listComments(detail.number);
  if (!comments.some((c) => c.body.includes(marker))) {
    ctx.state.failOp(op.id, "failed", "comment not posted (marker not found); posted again");
    return;
  }
  ctx.state.finishOp(op.id, () => {
    if (!detail.record) return;
    const link = ctx.state.link(op.syncId);
    ctx.state.saveLink({
      syncId: op.syncId,
      tracker: ctx.tracker.key,
      meetingKey: detail.meetingKey,
      kind: "comment",
      itemKind: "decision",
      number: detail.number,
      url: link?.url ?? `${ctx.target.projectUrl}/${ctx.target.issuePath}/${String(detail.number)}`,
      pushedHash: detail.hash,
      textHash: detail.textHash,
      assignees: [],
      remoteState: "open",
      syncedStatus: null,
      withdrawn: false,
      note: null,
    });
  });
}
