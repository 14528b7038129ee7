import { describe, expect, it } from "vitest";
import {
  rateLimitDelay,
  withRateLimitRetry,
  type RequestCallback,
  type RequestParams,
  type ResponseLike,
} from "../../src/matrix/rate-limit.ts";

type Reply = [error: unknown, response: ResponseLike | undefined, body: unknown];

const limited = (retryAfterMs?: number, headers: Record<string, string> = {}): Reply => {
  const body = JSON.stringify({
    errcode: "M_LIMIT_EXCEEDED",
    error: "Too Many Requests",
    ...(retryAfterMs === undefined ? {} : { retry_after_ms: retryAfterMs }),
  });
  return [null, { statusCode: 429, headers, body }, body];
};
const success: Reply = [
  null,
  { statusCode: 200, body: '{"event_id":"$sent"}' },
  '{"event_id":"$sent"}',
];

/** A request function answering `replies` in turn, recording the params of each attempt. */
function scripted(replies: Reply[]) {
  const seen: RequestParams[] = [];
  const fn = (params: RequestParams, callback: RequestCallback) => {
    seen.push(params);
    const reply = replies.shift() ?? success;
    setImmediate(() => {
      callback(...reply);
    });
  };
  return { fn, seen };
}

function send(fn: ReturnType<typeof withRateLimitRetry>, params: RequestParams): Promise<Reply> {
  return new Promise((resolve) => {
    fn(params, (...reply) => {
      resolve(reply);
    });
  });
}

const put: RequestParams = {
  uri: "http://hs.test/_matrix/client/v3/rooms/!r%3Atest/send/m.room.message/1700000000000__inc1?user_id=x",
  method: "PUT",
  body: '{"msgtype":"m.notice","body":"hi"}',
};

describe("withRateLimitRetry", () => {
  it("repeats the same request after retry_after_ms and delivers one answer", async () => {
    const inner = scripted([limited(848), success]);
    const sleeps: number[] = [];
    const lines: string[] = [];
    const fn = withRateLimitRetry(inner.fn, {
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      log: (line) => lines.push(line),
    });
    let answers = 0;
    const reply = await new Promise<Reply>((resolve) => {
      fn(put, (...r) => {
        answers += 1;
        resolve(r);
      });
    });
    await new Promise((done) => setTimeout(done, 20));
    expect(answers).toBe(1);
    expect(reply[1]?.statusCode).toBe(200);
    expect(sleeps).toEqual([848]);
    expect(inner.seen).toHaveLength(2);
    // The very same params object: same URL, hence the same transaction id, same body.
    expect(inner.seen[1]).toBe(inner.seen[0]);
    expect(lines).toEqual([
      "matrix: rate limited on PUT /_matrix/client/v3/rooms/!r%3Atest/send/m.room.message/1700000000000__inc1; retry 1 of 15 in 848 ms",
    ]);
  });

  it("does not retry other errors, transport failures or successes", async () => {
    for (const reply of [
      [null, { statusCode: 403, body: '{"errcode":"M_FORBIDDEN"}' }, '{"errcode":"M_FORBIDDEN"}'],
      [null, { statusCode: 429, body: "<html>slow down</html>" }, "<html>slow down</html>"],
      [null, { statusCode: 500, body: "" }, ""],
      [new Error("ECONNREFUSED"), undefined, undefined],
      success,
    ] satisfies Reply[]) {
      const inner = scripted([reply]);
      const fn = withRateLimitRetry(inner.fn, {
        sleep: () => Promise.reject(new Error("must not sleep")),
        log: () => undefined,
      });
      expect(await send(fn, put)).toEqual(reply);
      expect(inner.seen).toHaveLength(1);
    }
  });

  it("gives up after maxRetries and hands over the last 429", async () => {
    const inner = scripted([limited(1), limited(1), limited(1), limited(1)]);
    const fn = withRateLimitRetry(inner.fn, {
      sleep: () => Promise.resolve(),
      log: () => undefined,
      maxRetries: 2,
    });
    const [, response] = await send(fn, put);
    expect(response?.statusCode).toBe(429);
    expect(inner.seen).toHaveLength(3);
  });
});

describe("rateLimitDelay", () => {
  const response = (body: unknown, headers: Record<string, string> = {}): ResponseLike => ({
    statusCode: 429,
    headers,
    body,
  });

  it("prefers retry_after_ms, then Retry-After, then attempt² × 100 ms", () => {
    const body = { errcode: "M_LIMIT_EXCEEDED" };
    expect(
      rateLimitDelay(
        response({ ...body, retry_after_ms: 250 }, { "retry-after": "9" }),
        undefined,
        1,
      ),
    ).toBe(250);
    expect(rateLimitDelay(response(body, { "retry-after": "2" }), undefined, 1)).toBe(2000);
    expect(rateLimitDelay(response(body), undefined, 3)).toBe(900);
    const date = new Date(Date.now() + 60_000).toUTCString();
    expect(rateLimitDelay(response(body, { "retry-after": date }), undefined, 1)).toBeGreaterThan(
      50_000,
    );
  });

  it("reads the error from a string, a Buffer, or the callback's body", () => {
    const text = '{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":5}';
    expect(rateLimitDelay(response(text), undefined, 1)).toBe(5);
    expect(rateLimitDelay(response(Buffer.from(text)), undefined, 1)).toBe(5);
    expect(rateLimitDelay({ statusCode: 429 }, text, 1)).toBe(5);
    expect(rateLimitDelay(response("not json"), undefined, 1)).toBeUndefined();
    expect(rateLimitDelay(response({ errcode: "M_FORBIDDEN" }), undefined, 1)).toBeUndefined();
    expect(rateLimitDelay(undefined, text, 1)).toBeUndefined();
  });
});
