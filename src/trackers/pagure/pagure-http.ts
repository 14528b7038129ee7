import { TrackerError, type TrackerErrorOutcome } from "../tracker.ts";

/**
 * The HTTP side of the Pagure adapter: one request at a time, spaced out, with a timeout, the
 * project token and an identifying User-Agent, and every failure turned into a TrackerError whose
 * outcome says what the sync engine may do next.
 */

/** The subset of `fetch` the adapter uses; tests pass an in-process fake. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * How often a call may be sent, which decides what an unclear failure (a 5xx, a dropped
 * connection, a timeout) means: a read or an idempotent write can simply be sent again later,
 * while a `once` call (new issue, comment) may have happened and must be reconciled instead.
 */
export type CallKind = "read" | "idempotent" | "once";

export interface PagureCall {
  readonly method: "GET" | "POST";
  /** Below `/api/0/`, already encoded, e.g. `fedora-sig/eln/issue/3/status`. */
  readonly path: string;
  /** Query parameters in order; a name may repeat. */
  readonly query?: readonly (readonly [string, string])[];
  /** Sent form-encoded, as Pagure's forms expect. */
  readonly form?: Readonly<Record<string, string>>;
  readonly kind: CallKind;
  /** Names the call in error messages, e.g. "create issue". */
  readonly what: string;
}

/** A TrackerError that also carries Pagure's own error code (`ENOISSUE`, `EINVALIDTOK`, …). */
export class PagureApiError extends TrackerError {
  /** `error_code` from Pagure's JSON error body, when there was one. */
  readonly code: string | null;
  /** Pagure's `errors` member: form errors, or a string such as "Missing ACLs: modify_project". */
  readonly details: unknown;

  constructor(
    message: string,
    outcome: TrackerErrorOutcome,
    options: {
      status?: number | null;
      retryAfterS?: number | null;
      cause?: unknown;
      code?: string | null;
      details?: unknown;
    },
  ) {
    super(message, outcome, options);
    this.code = options.code ?? null;
    this.details = options.details;
  }
}

export interface PagureHttpOptions {
  readonly baseUrl: string;
  readonly token: string;
  /** Names the target in messages, e.g. `fedora-sig/eln on Pagure`. */
  readonly label: string;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly minIntervalMs: number;
  readonly userAgent: string;
}

export type PagureRequest = (call: PagureCall) => Promise<Record<string, unknown>>;

export function createPagureHttp(options: PagureHttpOptions): PagureRequest {
  // pagure.io has no API rate limit of its own but blocks abusive clients at the network level;
  // its admins ask for one request at a time. Every call waits for the previous one to finish
  // and for minIntervalMs after the previous start.
  let queue: Promise<unknown> = Promise.resolve();
  let lastStart = -Infinity;

  return (call) => {
    const run = queue.then(async () => {
      const wait = lastStart + options.minIntervalMs - Date.now();
      if (wait > 0) await sleep(wait);
      lastStart = Date.now();
      return send(options, call);
    });
    queue = run.catch(() => undefined);
    return run;
  };
}

async function send(
  options: PagureHttpOptions,
  call: PagureCall,
): Promise<Record<string, unknown>> {
  const url = new URL(`${options.baseUrl}/api/0/${call.path}`);
  for (const [name, value] of call.query ?? []) url.searchParams.append(name, value);
  const headers: Record<string, string> = {
    accept: "application/json",
    authorization: `token ${options.token}`,
    "user-agent": options.userAgent,
  };
  const init: RequestInit = {
    method: call.method,
    headers,
    signal: AbortSignal.timeout(options.timeoutMs),
  };
  if (call.form !== undefined) {
    init.body = new URLSearchParams(call.form).toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
  }
  const fail = failure(options, call);

  let response: Response;
  let text: string;
  try {
    response = await options.fetch(url, init);
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    throw fail(
      timedOut
        ? `no answer within ${options.timeoutMs / 1000} s`
        : `could not reach Pagure (${describe(error)})`,
      unclear(call.kind),
      { cause: error },
    );
  }

  const json = parseObject(text);
  const status = response.status;
  if (status >= 200 && status < 300) {
    if (json !== null) return json;
    throw fail(`HTTP ${status} without a JSON object: ${snippet(text)}`, unclear(call.kind), {
      status,
    });
  }

  const retryAfterS = retryAfter(response.headers.get("retry-after"));
  const code = typeof json?.["error_code"] === "string" ? json["error_code"] : null;
  const error = typeof json?.["error"] === "string" ? json["error"] : null;
  const details = json?.["errors"];
  const said =
    json === null
      ? // Pagure answers unhandled exceptions with its HTML error page.
        `a non-JSON ${response.headers.get("content-type") ?? "body"}: ${snippet(text)}`
      : `${code ?? "no error_code"}: ${error ?? snippet(text)}${detailText(details)}`;
  const outcome: TrackerErrorOutcome =
    status === 408 || status === 429
      ? "retry-later"
      : status >= 400 && status < 500
        ? "rejected"
        : unclear(call.kind);
  throw fail(`HTTP ${status} ${said}`, outcome, { status, retryAfterS, code, details });
}

/** What an unclear failure means for a call of this kind. */
function unclear(kind: CallKind): TrackerErrorOutcome {
  return kind === "once" ? "unknown" : "retry-later";
}

function failure(options: PagureHttpOptions, call: PagureCall) {
  return (
    why: string,
    outcome: TrackerErrorOutcome,
    extra: {
      status?: number;
      retryAfterS?: number | null;
      cause?: unknown;
      code?: string | null;
      details?: unknown;
    },
  ): PagureApiError => {
    const message = `Pagure ${call.what} (${call.method} /api/0/${call.path}) on ${options.label} failed: ${why}`;
    // Nothing above should contain the token, but a server may echo headers back in an error page.
    return new PagureApiError(message.replaceAll(options.token, "[token]"), outcome, extra);
  };
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function detailText(details: unknown): string {
  if (details === undefined || details === null) return "";
  return ` (${typeof details === "string" ? details : JSON.stringify(details)})`;
}

function snippet(text: string): string {
  const flat = text
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat === "" ? "(empty)" : flat;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}

function retryAfter(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
