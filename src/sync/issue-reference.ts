/**
 * Which existing issue a decision is about, so it can be recorded there as a comment. Chairs name
 * the ticket in the decision or in the topic (`!topic #1234 ELN composes`, `AGREED: close
 * https://github.com/fedora-eln/eln/issues/224`). Pure.
 */

/** Where a tracker's issues live on the web. */
export interface IssueTarget {
  /** Web origin and path prefix of the project, e.g. `https://github.com/fedora-eln/eln`. */
  readonly projectUrl: string;
  /** Project as people write it before `#N`: `fedora-eln/eln`, `fesco`, `fedora-sig/eln`. */
  readonly project: string;
  /** Path segment before the number: `issues` (GitHub, Forgejo) or `issue` (Pagure). */
  readonly issuePath: "issues" | "issue";
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The first issue of `target` that `text` names, or null. */
export function findIssueReference(text: string, target: IssueTarget): number | null {
  const url = new RegExp(
    `${escapeRegExp(target.projectUrl.replace(/\/+$/, ""))}/${target.issuePath}/(\\d+)(?![\\w/])`,
    "i",
  );
  const qualified = new RegExp(`(?<![\\w/.-])${escapeRegExp(target.project)}#(\\d+)(?!\\w)`, "i");
  // A bare #N: not part of a word or of another project's reference (`other/repo#3`), and not an
  // IRC channel (those start with a letter).
  const bare = /(?<![\w/#-])#(\d{1,7})(?![\w-])/;
  for (const pattern of [url, qualified, bare]) {
    const m = pattern.exec(text);
    if (m?.[1] !== undefined) return Number(m[1]);
  }
  return null;
}
