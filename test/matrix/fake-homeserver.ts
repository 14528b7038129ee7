import type { RequestFn, RequestParams } from "../../src/matrix/rate-limit.ts";

// A scripted homeserver behind the SDK's `request`-compatible hook: no sockets, every request
// recorded. Unrouted requests answer 404 M_UNRECOGNIZED, as Synapse does.

export interface Call {
  readonly method: string;
  readonly path: string;
  readonly qs: Readonly<Record<string, unknown>>;
  readonly body: unknown;
  readonly authorization: string | undefined;
}

export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

type Route = (call: Call) => Answer | Promise<Answer>;

export const ok = (body: unknown): Answer => ({ status: 200, body });
export const fail = (status: number, errcode: string, extra: object = {}): Answer => ({
  status,
  body: { errcode, error: `${errcode} (fake)`, ...extra },
});

export class FakeHomeserver {
  readonly calls: Call[] = [];
  readonly #routes: { method: string; path: RegExp; route: Route }[] = [];

  on(method: string, path: RegExp, route: Route): this {
    this.#routes.unshift({ method, path, route }); // later routes win
    return this;
  }

  /** The basics the SDK's start() asks for, for user `userId`. */
  withAccount(userId: string): this {
    return this.on("GET", /\/account\/whoami$/, () => ok({ user_id: userId, device_id: "DEV" }))
      .on("GET", /\/joined_rooms$/, () => ok({ joined_rooms: [] }))
      .on("POST", /\/filter$/, () => ok({ filter_id: "1" }));
  }

  /** Serves `batches` to /sync in turn, then empty batches after a short wait (a long-poll). */
  withSync(batches: readonly Record<string, unknown>[]): this {
    let next = 0;
    return this.on("GET", /\/sync$/, async (call) => {
      const batch = batches[next];
      if (batch !== undefined) {
        next += 1;
        return ok(batch);
      }
      await new Promise((done) => setTimeout(done, 10));
      return ok({ next_batch: call.qs["since"] ?? "empty" });
    });
  }

  callsTo(method: string, path: RegExp): Call[] {
    return this.calls.filter((call) => call.method === method && path.test(call.path));
  }

  readonly request: RequestFn = (params, callback) => {
    const call = toCall(params);
    this.calls.push(call);
    const found = this.#routes.find((r) => r.method === call.method && r.path.test(call.path));
    void Promise.resolve(found?.route(call) ?? fail(404, "M_UNRECOGNIZED")).then((answer) => {
      const text = JSON.stringify(answer.body);
      // As `request` does with no encoding set: the body as a string, on the response too.
      callback(
        null,
        { statusCode: answer.status, headers: answer.headers ?? {}, body: text },
        text,
      );
    });
  };
}

function toCall(params: RequestParams): Call {
  const url = new URL(params.uri);
  const headers = (params["headers"] ?? {}) as Record<string, string>;
  const body = params["body"];
  return {
    method: params.method,
    path: decodeURIComponent(url.pathname),
    qs: (params["qs"] ?? {}) as Record<string, unknown>,
    body: typeof body === "string" ? JSON.parse(body) : body,
    authorization: headers["Authorization"],
  };
}

/** Polls `check` until it holds (the SDK's sync loop runs on its own). */
export async function until(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 5));
  }
}
