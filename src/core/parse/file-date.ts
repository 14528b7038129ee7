import type { ParseIssue } from "../log-line.ts";

export const UNKNOWN_DATE = "1970-01-01";

const DATE_RE = /\d{4}-\d\d-\d\d/g;
const DIR_DATE_RE = /^\d{4}-\d\d-\d\d$/;

function isRealDate(d: string): boolean {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  const day = Number(d.slice(8, 10));
  if (m < 1 || m > 12 || day < 1) return false;
  const t = new Date(Date.UTC(y, m - 1, day));
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
}

/**
 * The meeting date from a file name (`name.YYYY-MM-DD-HH.MM.log.txt`) or a path: the last date in the
 * base name, else a `YYYY-MM-DD` directory component. `undefined` when there is none.
 */
export function dateFromFileName(fileName: string | undefined): string | undefined {
  if (fileName === undefined || fileName === "") return undefined;
  const parts = fileName.split(/[/\\]/);
  const base = parts[parts.length - 1] ?? "";
  let found: string | undefined;
  for (const m of base.matchAll(DATE_RE)) if (isRealDate(m[0])) found = m[0];
  if (found !== undefined) return found;
  for (let i = parts.length - 2; i >= 0; i--) {
    const p = parts[i] ?? "";
    if (DIR_DATE_RE.test(p) && isRealDate(p)) return p;
  }
  return undefined;
}

/** `YYYY-MM-DD` plus one day. */
export function nextDay(date: string): string {
  const t = new Date(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + 1),
  );
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + 1;
  const d = t.getUTCDate();
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

/**
 * Tracks the date of time-only lines: starts at the file-name date and advances by one day whenever the
 * clock goes backwards between consecutive lines (a meeting that crosses midnight).
 */
export class DateTracker {
  date: string;
  private lastTime = "";
  readonly known: boolean;

  constructor(fileName: string | undefined) {
    const d = dateFromFileName(fileName);
    this.known = d !== undefined;
    this.date = d ?? UNKNOWN_DATE;
  }

  /** The date for a line printed at `time` (`HH:MM:SS`, fixed width, so string order is time order). */
  at(time: string): string {
    if (time < this.lastTime) this.date = nextDay(this.date);
    this.lastTime = time;
    return this.date;
  }

  /** The issue to report when the date is unknown, attached to the first log line. */
  issue(line: number, fileName: string | undefined): ParseIssue | undefined {
    if (this.known) return undefined;
    return {
      line,
      message: `date unknown: no YYYY-MM-DD in the file name; lines dated ${UNKNOWN_DATE}`,
      excerpt: fileName ?? "",
    };
  }
}
