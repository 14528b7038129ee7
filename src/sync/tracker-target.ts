import type { TrackerConfig } from "../config/tracker-schema.ts";
import type { IssueTarget } from "./issue-reference.ts";

/**
 * The web location of a configured tracker's project. GitHub's API base `https://api.github.com`
 * serves `https://github.com`; a GitHub Enterprise base `https://HOST/api/v3` serves `https://HOST`.
 */
export function issueTarget(tracker: TrackerConfig): IssueTarget {
  if (tracker.type === "github") {
    const api = new URL(tracker.baseUrl);
    const web =
      api.hostname === "api.github.com"
        ? "https://github.com"
        : `${api.origin}${api.pathname.replace(/\/api\/v3\/?$/, "").replace(/\/+$/, "")}`;
    const project = `${tracker.owner}/${tracker.repo}`;
    return { projectUrl: `${web}/${project}`, project, issuePath: "issues" };
  }
  const base = tracker.baseUrl.replace(/\/+$/, "");
  return {
    projectUrl: `${base}/${tracker.project}`,
    project: tracker.project,
    issuePath: "issue",
  };
}

/** Whether a meeting (by room/channel and name) goes to this tracker. */
export function trackerTakes(
  tracker: TrackerConfig,
  meeting: { readonly channel: string; readonly name: string; readonly startedAt: string },
): boolean {
  if (tracker.since !== undefined && meeting.startedAt.slice(0, 10) < tracker.since) return false;
  const room = meeting.channel.toLowerCase();
  const name = meeting.name.toLowerCase();
  return (
    (tracker.match.rooms ?? []).some((r) => r.toLowerCase() === room) ||
    (tracker.match.meetings ?? []).some((m) => m.toLowerCase() === name)
  );
}

/** The key an adapter for this tracker reports (Tracker.key), known without opening it. */
export function trackerKey(t: TrackerConfig): string {
  const base = t.baseUrl.replace(/\/+$/, "");
  return t.type === "github"
    ? `github:${base}/${t.owner}/${t.repo}`
    : `pagure:${base}/${t.project}`;
}

/** As the adapter says it: `fedora-eln/eln on GitHub`. */
export function trackerLabel(t: TrackerConfig): string {
  return t.type === "github" ? `${t.owner}/${t.repo} on GitHub` : `${t.project} on Pagure`;
}
