/** Exit codes of every sigmeet command (documented in README.md). */
export const EXIT = {
  ok: 0,
  /** The command could not do its job: unreadable input, bad config, database error. */
  failure: 1,
  /** Wrong arguments or options. */
  usage: 2,
  /** The job was done, but some input was skipped: unreadable lines, files without a meeting. */
  skipped: 3,
} as const;

export class UsageError extends Error {
  override readonly name = "UsageError";
}
