import { describe, expect, it } from "vitest";
import { limitWaitS, toTrackerError } from "../../../src/trackers/github/errors.ts";
import { TOKEN } from "./setup.ts";

/** What Octokit throws for an HTTP answer (or, without `data`, for no answer at all). */
function httpError(
  status: number,
  data?: unknown,
  headers: Record<string, string> = {},
  cause?: unknown,
): Error {
  const error = new Error("from Octokit", { cause }) as Error & Record<string, unknown>;
  error["status"] = status;
  if (data !== undefined) error["response"] = { headers, data };
  return error;
}

const map = (error: unknown, kind: "read" | "write" = "write") =>
  toTrackerError(error, "doing it in fedora-eln/eln", kind, [TOKEN]);

describe("GitHub errors → TrackerError", () => {
  it("a permission 403 is a rejection, a limit 403 is not", () => {
    const denied = map(httpError(403, { message: "Resource not accessible by integration" }));
    expect([denied.outcome, denied.message]).toEqual([
      "rejected",
      "doing it in fedora-eln/eln: 403 Resource not accessible by integration",
    ]);
    const limited = map(
      httpError(
        403,
        { message: "You have exceeded a secondary rate limit." },
        { "retry-after": "7" },
      ),
    );
    expect([limited.outcome, limited.retryAfterS]).toEqual(["retry-later", 7]);
  });

  it("works out the wait from Retry-After, the reset time, or GitHub's one-minute advice", () => {
    const now = 1_800_000_000_000;
    const primary = httpError(
      403,
      { message: "API rate limit exceeded" },
      { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 90) },
    );
    expect(limitWaitS(primary as never, now)).toBe(91);
    expect(limitWaitS(httpError(429, { message: "secondary rate limit" }) as never, now)).toBe(60);
    expect(limitWaitS(httpError(429, "", { "retry-after": "2" }) as never, now)).toBe(2);
    expect(limitWaitS(httpError(403, { message: "Forbidden" }) as never, now)).toBeNull();
  });

  it("server errors and lost answers: unknown after a write, retry-later after a read", () => {
    expect(map(httpError(502, "<html>Bad Gateway</html>")).outcome).toBe("unknown");
    expect(map(httpError(502, "<html>Bad Gateway</html>"), "read").outcome).toBe("retry-later");
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    const lost = map(httpError(500, undefined, {}, timeout));
    expect([lost.outcome, lost.status]).toEqual(["unknown", null]);
    expect(lost.message).toBe(
      "doing it in fedora-eln/eln: no answer before the timeout; the change may or may not have been made",
    );
  });

  it("quotes validation errors, and blanks the token wherever it shows up", () => {
    const echoed = map(
      httpError(422, {
        message: `Validation Failed for token ${TOKEN}`,
        errors: [{ resource: "Label", field: "color", code: "invalid" }, { message: "too long" }],
      }),
    );
    expect(echoed.message).toBe(
      "doing it in fedora-eln/eln: 422 Validation Failed for token [redacted]: color invalid; too long",
    );
    expect(map(new Error(`boom ${TOKEN}`)).message).not.toContain(TOKEN);
  });
});
