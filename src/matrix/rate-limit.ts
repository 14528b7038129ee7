// matrix-bot-sdk never retries M_LIMIT_EXCEEDED: it throws, and a caller resending would get a new
// transaction id (the SDK mints one per call), so a 429 that was in fact applied would post the
// message twice. Retrying below the SDK, at its global `request`-compatible function, repeats the
// very same HTTP request (same URL, hence the same txnId), which the homeserver deduplicates.
// This is the pattern of Draupnir's patchMatrixClientForRetry.

export interface RequestParams {
  readonly uri: string;
  readonly method: string;
  readonly [option: string]: unknown;
}

export interface ResponseLike {
  readonly statusCode: number;
  readonly headers?: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body?: unknown;
}

export type RequestCallback = (
  error: unknown,
  response: ResponseLike | undefined,
  body: unknown,
) => void;

/** The shape of `request(params, callback)`, which the SDK calls through getRequestFn(). */
export type RequestFn = (params: RequestParams, callback: RequestCallback) => unknown;

export interface RetryOptions {
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: (line: string) => void;
  /** Retries after the first attempt; default 15, as Draupnir. */
  readonly maxRetries?: number;
}

export function withRateLimitRetry(inner: RequestFn, options: RetryOptions): RequestFn {
  const maxRetries = options.maxRetries ?? 15;
  return (params, callback) => {
    let retries = 0;
    const attempt = (): void => {
      inner(params, (error, response, body) => {
        const delay = error == null ? rateLimitDelay(response, body, retries + 1) : undefined;
        if (delay === undefined || retries >= maxRetries) {
          callback(error, response, body);
          return;
        }
        retries += 1;
        options.log(
          `matrix: rate limited on ${params.method} ${pathOf(params.uri)}; ` +
            `retry ${retries} of ${maxRetries} in ${delay} ms`,
        );
        options.sleep(delay).then(attempt, (sleepError: unknown) => {
          callback(sleepError, undefined, undefined);
        });
      });
    };
    attempt();
  };
}

/** How long to wait before retrying, or undefined when the answer is not M_LIMIT_EXCEEDED. */
export function rateLimitDelay(
  response: ResponseLike | undefined,
  body: unknown,
  attempt: number,
): number | undefined {
  if (response === undefined) return undefined;
  const error = jsonObject(response.body ?? body);
  if (error?.["errcode"] !== "M_LIMIT_EXCEEDED") return undefined;
  const fromBody = error["retry_after_ms"];
  if (typeof fromBody === "number" && Number.isFinite(fromBody)) return Math.max(0, fromBody);
  const fromHeader = retryAfterHeader(response.headers?.["retry-after"]);
  return fromHeader ?? attempt * attempt * 100;
}

/** Retry-After is delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterHeader(value: string | readonly string[] | undefined): number | undefined {
  const text = typeof value === "string" ? value.trim() : undefined;
  if (text === undefined || text === "") return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The body as a plain object; `request` hands it over as a string, Buffer, or parsed JSON. */
function jsonObject(body: unknown): Readonly<Record<string, unknown>> | undefined {
  let value = body;
  if (Buffer.isBuffer(value)) value = value.toString("utf8");
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Readonly<Record<string, unknown>>)
    : undefined;
}

/** Only the path goes to logs: the query could carry an impersonated user or a sync token. */
function pathOf(uri: string): string {
  try {
    return new URL(uri).pathname;
  } catch {
    return "(unparsable URL)";
  }
}
