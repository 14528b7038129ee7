import { TrackerError } from "../tracker.ts";

/**
 * Turns what Octokit throws into the port's TrackerError. The outcome decides whether the sync
 * engine may repeat a call, so it follows what GitHub's answer proves about the write:
 * - a rate limit (429, or 403 naming a limit) is a refusal: nothing was done → "retry-later";
 * - any other 4xx is a definite refusal → "rejected";
 * - 5xx, a dropped connection or a timeout proves nothing: after a write → "unknown" (it may have
 *   been done), after a read → "retry-later".
 */

/** Whether the failed call could have changed anything on GitHub. */
export type CallKind = "read" | "write";

/** The parts of Octokit's RequestError used here (its class is not a direct dependency). */
export interface HttpError extends Error {
  readonly status: number;
  readonly response?: {
    readonly headers: Record<string, string | undefined>;
    readonly data: unknown;
  };
  /** The request that failed (Octokit's RequestError carries it, credentials blanked). */
  readonly request?: { readonly url?: string };
}

export function isHttpError(error: unknown): error is HttpError {
  return error instanceof Error && typeof (error as { status?: unknown }).status === "number";
}

/**
 * The installation a URL mints a token for (`POST /app/installations/{id}/access_tokens`, the
 * call a GitHub App makes before its first request and then hourly), or null for any other URL.
 */
export function mintedFor(url: string | undefined): string | null {
  return /\/app\/installations\/(\d+)\/access_tokens(?:\?|$)/.exec(url ?? "")?.[1] ?? null;
}

/** Secondary limits have no header of their own; GitHub says so in the message. */
const SECONDARY = /\bsecondary rate\b/i;

/** Seconds GitHub asked us to wait, or null when the answer is not a rate limit. */
export function limitWaitS(error: HttpError, nowMs = Date.now()): number | null {
  const headers = error.response?.headers ?? {};
  const message = githubMessage(error.response?.data);
  const secondary = SECONDARY.test(message);
  const primary = headers["x-ratelimit-remaining"] === "0";
  if (error.status !== 429 && !(error.status === 403 && (secondary || primary))) return null;
  const retryAfter = Number(headers["retry-after"]);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return Math.ceil(retryAfter);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (primary && Number.isFinite(reset)) return Math.max(0, Math.ceil(reset - nowMs / 1000) + 1);
  // GitHub's advice for a secondary limit without Retry-After: wait at least a minute.
  return 60;
}

/**
 * The TrackerError for a failed call. `action` names the call for people ("creating an issue in
 * fedora-eln/eln"); `secrets` are blanked out of the message wherever they might appear.
 */
export function toTrackerError(
  error: unknown,
  action: string,
  kind: CallKind,
  secrets: readonly string[],
): TrackerError {
  if (error instanceof TrackerError) return error;
  if (!isHttpError(error)) {
    // Not an HTTP failure: a bug on our side. Keep it visible rather than dressing it up.
    return new TrackerError(redact(`${action}: ${String(error)}`, secrets), "unknown", {
      cause: error,
    });
  }
  // A failed mint stops the call before it is sent: even a write was surely not done. Say so,
  // since "401 Bad credentials" alone would not tell that the app's key or ids are at fault.
  const installation = mintedFor(error.request?.url);
  const auth =
    installation === null
      ? ""
      : `GitHub App authentication failed (installation token for installation ${installation}): `;
  const say = (text: string) => redact(`${action}: ${auth}${text}`, secrets);
  const wait = limitWaitS(error);
  if (wait !== null) {
    return new TrackerError(
      say(
        `GitHub rate limit (${error.status} ${githubMessage(error.response?.data)}), retry in ${wait} s`,
      ),
      "retry-later",
      { status: error.status, retryAfterS: wait, cause: error },
    );
  }
  // Octokit reports a request that never got an answer as status 500 without a response.
  const answered = error.response !== undefined;
  if (answered && error.status >= 400 && error.status < 500) {
    return new TrackerError(
      say(`${error.status} ${githubMessage(error.response.data)}`),
      "rejected",
      { status: error.status, cause: error },
    );
  }
  const what = answered
    ? `${error.status} ${githubMessage(error.response.data)}`
    : isTimeout(error)
      ? "no answer before the timeout"
      : `no answer (${error.message})`;
  return kind === "write" && installation === null
    ? new TrackerError(say(`${what}; the change may or may not have been made`), "unknown", {
        status: answered ? error.status : null,
        cause: error,
      })
    : new TrackerError(say(what), "retry-later", {
        status: answered ? error.status : null,
        cause: error,
      });
}

/** Whether a RequestError came from our per-request AbortSignal.timeout. */
function isTimeout(error: Error): boolean {
  const cause: unknown = error.cause;
  return cause instanceof Error && cause.name === "TimeoutError";
}

/**
 * GitHub's own words from an error body: `message`, plus each validation error (its `message`,
 * or `field code`). HTML error pages from GitHub's proxies are not worth quoting.
 */
export function githubMessage(data: unknown): string {
  if (typeof data !== "object" || data === null) return "(no message)";
  const { message, errors } = data as { message?: unknown; errors?: unknown };
  const head = typeof message === "string" ? message : "(no message)";
  if (!Array.isArray(errors) || errors.length === 0) return head;
  const details = errors.map((e: unknown) => {
    if (typeof e === "string") return e;
    const { message: m, field, code } = (e ?? {}) as Record<string, unknown>;
    if (typeof m === "string") return m;
    return [field, code].filter((x) => typeof x === "string").join(" ");
  });
  return `${head}: ${details.join("; ")}`;
}

/** Validation errors of a 422, for callers that react to one field. */
export function validationErrors(
  error: unknown,
): readonly { readonly field?: unknown; readonly code?: unknown }[] {
  if (!isHttpError(error) || error.status !== 422) return [];
  const errors = (error.response?.data as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? (errors as { field?: unknown; code?: unknown }[]) : [];
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret !== "") out = out.split(secret).join("[redacted]");
  return out;
}
