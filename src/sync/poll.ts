import { findSyncId } from "../render/issue-draft.ts";
import type { RemoteIssue } from "../trackers/tracker.ts";
import { contentHash } from "./desired.ts";
import { applyRemoteState } from "./inbound.ts";
import { newLink } from "./links.ts";
import type { SyncContext } from "./sync-context.ts";
import { takeWrite, tryWrite } from "./write.ts";

/**
 * Reads what changed on the tracker since the last poll: the bot's labelled issues updated since
 * the cursor, one conditional request when nothing changed (a 304 costs no GitHub quota).
 * - closed / reopened issues bring their action's status home;
 * - an issue carrying an item's marker that no link knows (a lost database, a crash before the
 *   link was written) is adopted rather than created again;
 * - a second issue for one item is closed as a duplicate of the first.
 */
export async function poll(ctx: SyncContext): Promise<void> {
  const release = ctx.state.holdHttpCache();
  try {
    await pollHeld(ctx);
  } catch (error) {
    release(false);
    throw error;
  }
  // Only now that what the listing said is applied may its ETag answer "nothing changed".
  release();
}

async function pollHeld(ctx: SyncContext): Promise<void> {
  const since = ctx.state.cursor(ctx.tracker.key);
  const listed = await ctx.tracker.listIssues({
    label: ctx.pollLabel,
    ...(since === null ? {} : { since }),
  });
  if (listed.issues === null) return;
  const bySyncId = new Map<string, RemoteIssue[]>();
  let newest = since;
  for (const issue of listed.issues) {
    if (newest === null || issue.updatedAt > newest) newest = issue.updatedAt;
    const id = findSyncId(issue.body);
    if (id === null) continue;
    const list = bySyncId.get(id) ?? [];
    list.push(issue);
    bySyncId.set(id, list);
  }
  for (const [syncId, issues] of bySyncId) await settle(ctx, syncId, issues);
  if (newest !== null && newest !== since) ctx.state.setCursor(ctx.tracker.key, newest);
}

async function settle(ctx: SyncContext, syncId: string, issues: RemoteIssue[]): Promise<void> {
  let link = ctx.state.link(syncId);
  const item = ctx.desired.get(syncId);
  if (link === undefined || link.tracker !== ctx.tracker.key) {
    if (item === undefined || item.shape !== "issue") return; // not ours to manage (here)
    const oldest = issues.reduce((a, b) => (b.number < a.number ? b : a));
    ctx.state.saveLink(
      newLink(ctx.tracker.key, syncId, item.meetingKey, item.kind, oldest, {
        pushedHash: contentHash(oldest.title, oldest.body),
        textHash: item.textHash,
        assignees: oldest.assignees,
      }),
    );
    ctx.report.adopted++;
    ctx.log(`adopted #${String(oldest.number)} for ${item.describe} (found by its marker)`);
    link = ctx.state.link(syncId);
    if (link === undefined) return;
    // The tracker's state wins for an adopted issue: it is all we know.
    const status = oldest.state === "closed" ? "done" : "open";
    if (item.kind === "action" && item.status !== status) {
      ctx.state.setItemStatus(item.itemId, status);
      ctx.report.pulled++;
    }
  }
  for (const issue of issues) {
    if (issue.number === link.number) {
      if (applyRemoteState(ctx.state, link, issue.state, item?.itemId ?? null)) {
        ctx.report.pulled++;
        ctx.log(
          `#${String(issue.number)} was ${issue.state === "closed" ? "closed" : "reopened"} on ${ctx.tracker.label}: ${item?.describe ?? syncId} is now ${issue.state === "closed" ? "done" : "open"}`,
        );
      }
    } else if (issue.state === "open") {
      await closeDuplicate(ctx, syncId, issue.number, link.number);
    }
  }
}

async function closeDuplicate(
  ctx: SyncContext,
  syncId: string,
  number: number,
  original: number,
): Promise<void> {
  if (!(await takeWrite(ctx))) return;
  const done = await tryWrite(ctx, syncId, "close", { number, duplicateOf: original }, () =>
    ctx.tracker.setState(number, "closed", "duplicate", original),
  );
  if (done) {
    ctx.report.duplicatesClosed++;
    ctx.log(`closed #${String(number)} as a duplicate of #${String(original)} (same meeting item)`);
  }
}
