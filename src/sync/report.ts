import type { TrackerReport } from "./sync-context.ts";

function count(n: number, what: string): string | null {
  return n === 0 ? null : `${String(n)} ${what}`;
}

/** The lines `sigmeet sync` prints for one tracker. */
export function formatReport(r: TrackerReport): string[] {
  const parts = [
    count(r.created, "created"),
    count(r.commented, "decision comments"),
    count(r.updated, "updated"),
    count(r.assigned, "assigned"),
    count(r.closed, "closed"),
    count(r.reopened, "reopened"),
    count(r.withdrawn, "withdrawn"),
    count(r.pulled, "changed on the tracker and brought home"),
    count(r.adopted, "found by marker and linked"),
    count(r.duplicatesClosed, "duplicates closed"),
    count(r.moved, "moved to another log line"),
    count(r.labelsCreated, "labels created"),
  ].filter((p) => p !== null);
  const lines = [`${r.tracker}: ${parts.length === 0 ? "nothing to do" : parts.join(", ")}`];
  for (const f of r.failures) lines.push(`  failed: ${f.item}: ${f.error}`);
  if (r.stoppedBecause !== null) {
    const left = r.deferred > 0 ? `; ${String(r.deferred)} operations wait for the next run` : "";
    lines.push(`  stopped early: ${r.stoppedBecause}${left}`);
  }
  return lines;
}
