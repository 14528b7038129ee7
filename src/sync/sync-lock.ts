import { hostname } from "node:os";
import type { SyncState } from "../store/sync-state.ts";

/**
 * Who holds the database's sync lock (see SyncState.takeSyncLock): this process, here, now. Two
 * `sigmeet sync` runs at once (an overlapping cron job) would both create the same issues.
 */
export function lockHolder(now = new Date()): string {
  return `pid ${String(process.pid)} on ${hostname()} since ${now.toISOString()}`;
}

/**
 * Whether the run holding the lock is gone: a process on this host that no longer exists (a
 * killed run), or a lock older than a day (another host; no run takes that long).
 */
export function lockIsStale(holder: string, now = Date.now()): boolean {
  const m = /^pid (\d+) on (\S+) since (\S+)$/.exec(holder);
  if (m === null) return true;
  const since = Date.parse(m[3] ?? "");
  if (!Number.isFinite(since) || now - since > 86_400_000) return true;
  if (m[2] !== hostname()) return false;
  try {
    process.kill(Number(m[1]), 0);
    return false;
  } catch (error) {
    // EPERM: it exists but is not ours to signal.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Runs `body` holding the database's sync lock, released however `body` ends. When another run
 * holds the lock, `body` does not run and the answer names that holder.
 */
export async function withSyncLock<T>(
  state: Pick<SyncState, "takeSyncLock" | "releaseSyncLock">,
  body: () => Promise<T>,
): Promise<{ readonly busy: string } | { readonly busy: null; readonly result: T }> {
  const holder = lockHolder();
  const busy = state.takeSyncLock(holder, lockIsStale);
  if (busy !== null) return { busy };
  try {
    return { busy: null, result: await body() };
  } finally {
    state.releaseSyncLock(holder);
  }
}
