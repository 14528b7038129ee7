import { draftNote } from "../render/issue-draft.ts";
import type { SyncLink } from "../store/sync-state.ts";
import { newLink } from "./links.ts";
import type { PlannedOp } from "./plan.ts";
import type { CommentDetail, CreateDetail } from "./reconcile.ts";
import type { SyncContext } from "./sync-context.ts";
import { takeWrite, tryWrite } from "./write.ts";

type Op<K extends PlannedOp["op"]> = Extract<PlannedOp, { op: K }>;

/**
 * Carries out planned ops in order, each write through the budget and the outbox. Stops at the
 * first op the budget refuses; what is left is counted as deferred and planned again next run.
 * Returns the sync ids whose op failed, so a second pass in the same run leaves them alone.
 */
export async function applyOps(ctx: SyncContext, ops: readonly PlannedOp[]): Promise<Set<string>> {
  const failed = new Set<string>();
  const moves = ops.flatMap((op) =>
    op.op === "move" ? [[op.link.syncId, op.item.syncId] as const] : [],
  );
  if (moves.length > 0) {
    ctx.state.moveLinks(moves);
    ctx.report.moved += moves.length;
  }
  const labels = new Set(ops.flatMap((op) => (op.op === "create" ? op.item.labels : [])));
  if (labels.size > 0 && ctx.report.stoppedBecause === null) {
    const writes = await ctx.tracker.ensureLabels([...labels]);
    ctx.budget.spent(ctx.tracker.key, writes);
    ctx.report.labelsCreated += writes;
  }
  for (const [index, op] of ops.entries()) {
    if (ctx.report.stoppedBecause !== null) {
      ctx.report.deferred += ops.length - index;
      break;
    }
    const syncId = op.op === "withdraw" ? op.link.syncId : op.item.syncId;
    if (failed.has(syncId)) continue;
    const ok = await applyOne(ctx, op);
    if (!ok) failed.add(syncId);
  }
  return failed;
}

async function applyOne(ctx: SyncContext, op: PlannedOp): Promise<boolean> {
  switch (op.op) {
    case "create":
      return create(ctx, op);
    case "comment":
      return recordDecision(ctx, op);
    case "update":
      return update(ctx, op);
    case "assign":
      return assign(ctx, op);
    case "close":
    case "reopen":
      return setState(ctx, op);
    case "withdraw":
      return withdraw(ctx, op);
    case "move":
      return Promise.resolve(true); // done by applyOps, all moves together
  }
}

async function create(ctx: SyncContext, { item }: Op<"create">): Promise<boolean> {
  if (!(await takeWrite(ctx))) return false;
  const detail: CreateDetail = {
    title: item.title,
    hash: item.hash,
    textHash: item.textHash,
    assignees: item.assignees,
    meetingKey: item.meetingKey,
    itemKind: item.kind,
  };
  const ok = await tryWrite(
    ctx,
    item.syncId,
    "create",
    detail,
    () =>
      ctx.tracker.createIssue({
        title: item.title,
        body: item.body,
        labels: item.labels,
        assignees: item.assignees,
      }),
    ({ issue, refusedAssignees }) => {
      const note =
        refusedAssignees.length === 0
          ? null
          : `not assigned: ${refusedAssignees.map((r) => `${r.login} (${r.reason})`).join("; ")}`;
      ctx.state.saveLink(
        newLink(ctx.tracker.key, item.syncId, item.meetingKey, item.kind, issue, {
          pushedHash: item.hash,
          textHash: item.textHash,
          assignees: item.assignees,
          note,
        }),
      );
    },
    item.describe,
  );
  if (ok) ctx.report.created++;
  return ok;
}

/** Posts a comment once: skipped when one with this tag was posted, found again by its marker. */
async function commentOnce(
  ctx: SyncContext,
  syncId: string,
  detail: CommentDetail,
  body: string,
  describe: string,
  after?: () => void,
): Promise<boolean> {
  if (ctx.state.noteDone(syncId, detail.tag)) {
    after?.();
    return true;
  }
  if (!(await takeWrite(ctx))) return false;
  return tryWrite(
    ctx,
    syncId,
    "comment",
    detail,
    () => ctx.tracker.comment(detail.number, body),
    () => after?.(),
    describe,
  );
}

async function recordDecision(ctx: SyncContext, { item, link }: Op<"comment">): Promise<boolean> {
  const number = item.commentOn ?? link?.number;
  if (number === undefined) return true;
  const tag = link === null ? "decision" : `decision-${item.hash.slice(0, 12)}`;
  const detail: CommentDetail = {
    number,
    tag,
    hash: item.hash,
    textHash: item.textHash,
    meetingKey: item.meetingKey,
    record: true,
  };
  const intro = link === null ? "" : "The meeting's record of this decision changed:\n\n";
  const body = draftNote(item.syncId, tag, `${intro}${item.body.trimEnd()}`);
  const ok = await commentOnce(ctx, item.syncId, detail, body, item.describe, () => {
    ctx.state.saveLink({
      syncId: item.syncId,
      tracker: ctx.tracker.key,
      meetingKey: item.meetingKey,
      kind: "comment",
      itemKind: "decision",
      number,
      url: `${ctx.target.projectUrl}/${ctx.target.issuePath}/${String(number)}`,
      pushedHash: item.hash,
      textHash: item.textHash,
      assignees: [],
      remoteState: "open",
      syncedStatus: null,
      withdrawn: false,
      note: null,
    });
  });
  if (ok) ctx.report.commented++;
  return ok;
}

async function update(ctx: SyncContext, { item, link }: Op<"update">): Promise<boolean> {
  const tag = `${link.withdrawn ? "restored" : "edited"}-${item.hash.slice(0, 12)}`;
  const why = link.withdrawn
    ? "This item is back in the meeting's minutes; sigmeet updated this issue to match."
    : "This item was edited in the meeting; sigmeet updated the title and description to match the minutes.";
  // Only a change people can see in the minutes gets a note; a new log line number or a new
  // sigmeet version's wording of the body is updated silently.
  const noteworthy = link.withdrawn || link.textHash !== item.textHash;
  const noted =
    !noteworthy ||
    (await commentOnce(
      ctx,
      item.syncId,
      {
        number: link.number,
        tag,
        hash: item.hash,
        textHash: item.textHash,
        meetingKey: item.meetingKey,
        record: false,
      },
      draftNote(item.syncId, tag, why),
      item.describe,
    ));
  if (!noted || !(await takeWrite(ctx))) return false;
  const ok = await tryWrite(
    ctx,
    item.syncId,
    "update",
    { number: link.number, hash: item.hash },
    () => ctx.tracker.updateIssue(link.number, { title: item.title, body: item.body }),
    () => {
      const now = ctx.state.link(item.syncId) ?? link;
      ctx.state.saveLink({
        ...now,
        pushedHash: item.hash,
        textHash: item.textHash,
        withdrawn: false,
      });
    },
    item.describe,
  );
  if (ok) ctx.report.updated++;
  return ok;
}

async function assign(ctx: SyncContext, { item, link, logins }: Op<"assign">): Promise<boolean> {
  if (!(await takeWrite(ctx))) return false;
  const ok = await tryWrite(
    ctx,
    item.syncId,
    "assign",
    { number: link.number, logins },
    () => ctx.tracker.addAssignees(link.number, logins),
    (refused) => {
      const now = ctx.state.link(item.syncId) ?? link;
      const note =
        refused.length === 0
          ? now.note
          : `not assigned: ${refused.map((r) => `${r.login} (${r.reason})`).join("; ")}`;
      ctx.state.saveLink({ ...now, assignees: [...new Set([...now.assignees, ...logins])], note });
    },
    item.describe,
  );
  if (ok) ctx.report.assigned++;
  return ok;
}

async function setState(ctx: SyncContext, op: Op<"close"> | Op<"reopen">): Promise<boolean> {
  const { item, link } = op;
  if (!(await takeWrite(ctx))) return false;
  const closing = op.op === "close";
  const ok = await tryWrite(
    ctx,
    item.syncId,
    op.op,
    { number: link.number },
    () =>
      closing
        ? ctx.tracker.setState(link.number, "closed", op.reason)
        : ctx.tracker.setState(link.number, "open"),
    () => {
      const now: SyncLink = ctx.state.link(item.syncId) ?? link;
      ctx.state.saveLink({
        ...now,
        remoteState: closing ? "closed" : "open",
        syncedStatus: closing ? "done" : item.kind === "action" ? "open" : now.syncedStatus,
        withdrawn: false,
      });
    },
    item.describe,
  );
  if (ok) {
    if (closing) ctx.report.closed++;
    else ctx.report.reopened++;
  }
  return ok;
}

async function withdraw(ctx: SyncContext, { link }: Op<"withdraw">): Promise<boolean> {
  const what = link.itemKind === "action" ? "action item" : "decision";
  const message =
    link.kind === "comment"
      ? `The decision recorded in an earlier comment (sigmeet ${link.syncId}) was withdrawn: it is no longer in the meeting's minutes (undone or edited away).`
      : `This ${what} is no longer in the meeting's minutes (it was undone or edited away), so sigmeet closes this issue as not planned.`;
  const describe = `#${String(link.number)} (${link.syncId})`;
  const noted = await commentOnce(
    ctx,
    link.syncId,
    {
      number: link.number,
      tag: "withdrawn",
      hash: link.pushedHash,
      textHash: link.textHash,
      meetingKey: link.meetingKey,
      record: false,
    },
    draftNote(link.syncId, "withdrawn", message),
    describe,
  );
  if (!noted) return false;
  if (link.kind === "comment") {
    ctx.state.saveLink({ ...link, withdrawn: true });
    ctx.report.withdrawn++;
    return true;
  }
  if (!(await takeWrite(ctx))) return false;
  const ok = await tryWrite(
    ctx,
    link.syncId,
    "close",
    { number: link.number, reason: "not_planned" },
    () => ctx.tracker.setState(link.number, "closed", "not_planned"),
    () => {
      ctx.state.saveLink({ ...link, remoteState: "closed", withdrawn: true });
    },
    describe,
  );
  if (ok) ctx.report.withdrawn++;
  return ok;
}
