import type { ParseIssue } from "../log-line.ts";

/** Longest excerpt kept in an issue. */
const EXCERPT_MAX = 80;
/** Per-line issues kept before they are summarised (a binary or foreign file must stay cheap). */
const ISSUE_MAX = 200;

export function excerpt(s: string): string {
  return s.length <= EXCERPT_MAX ? s : `${s.slice(0, EXCERPT_MAX - 1)}…`;
}

/** Collects issues, capping the per-line ones so that garbage input cannot produce millions. */
export class IssueList {
  readonly items: ParseIssue[] = [];
  private dropped = 0;
  private firstDroppedLine = 0;

  add(line: number, message: string, text: string): void {
    if (this.items.length >= ISSUE_MAX) {
      if (this.dropped === 0) this.firstDroppedLine = line;
      this.dropped++;
      return;
    }
    this.items.push({ line, message, excerpt: excerpt(text) });
  }

  /** Issues that must never be dropped (file-level). */
  addAlways(line: number, message: string, text: string): void {
    this.items.push({ line, message, excerpt: excerpt(text) });
  }

  finish(): ParseIssue[] {
    if (this.dropped > 0) {
      this.items.push({
        line: this.firstDroppedLine,
        message: `${this.dropped} more unreadable lines not listed`,
        excerpt: "",
      });
      this.dropped = 0;
    }
    return this.items;
  }
}
