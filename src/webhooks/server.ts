import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { githubIssueEvent } from "./github-event.ts";
import { PayloadError, type InboundIssueEvent } from "./inbound-event.ts";
import { pagureIssueEvent } from "./pagure-event.ts";
import { readBody } from "./read-body.ts";
import { verifyPagureSignature, verifySignature } from "./verify-signature.ts";

/**
 * Which deliveries were applied. The key is `<source>:<deliveryId>`, so GitHub's and Pagure's IDs
 * cannot collide. `has` is asked before applying and `firstTime` records after the handler
 * succeeded: a delivery whose handler threw (or a crash midway) stays unrecorded, so its
 * redelivery is applied. The in-memory DeliveryLog fits; the store backs it durably.
 */
export interface DeliveryStore {
  has(id: string): boolean;
  firstTime(id: string): boolean;
}

export interface WebhookServerOptions {
  /** Default 127.0.0.1: put a TLS reverse proxy in front rather than exposing this directly. */
  readonly host?: string;
  /** 0 picks a free port (tests). */
  readonly port?: number;
  /** Without a secret the tracker's route answers 404. */
  readonly githubSecret?: string | undefined;
  readonly pagureSecret?: string | undefined;
  readonly deliveries: DeliveryStore;
  /** Applies one event; a throw answers 500 and leaves the delivery unrecorded. */
  readonly onEvent: (event: InboundIssueEvent) => Promise<void> | void;
  /** One line per request and outcome; never a secret nor a body. */
  readonly log: (line: string) => void;
  /** Default 1 MiB (GitHub caps payloads at 25 MB, but an issue event is a few kB). */
  readonly maxBodyBytes?: number;
  /**
   * Default 8 s. GitHub counts a delivery as failed after 10 s without an answer; a handler still
   * running by then is answered 503 and keeps running (recorded if it succeeds).
   */
  readonly handlerTimeoutMs?: number;
}

export interface WebhookServer {
  readonly port: number;
  /** Stops listening and waits for requests and handlers in flight (including overrunning ones). */
  close(): Promise<void>;
}

type Source = InboundIssueEvent["source"];

interface Reply {
  readonly status: number;
  readonly text: string;
  /** The log line's tail; the status is prefixed. */
  readonly note: string;
}

const reply = (status: number, text: string, note = text): Reply => ({ status, text, note });

/** A header's value if sent once; repeated or absent headers are treated alike. */
function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

/** A header value fit for a log line: IDs arrive before the signature is checked. */
function printable(value: string | undefined): string {
  if (value === undefined) return "(none)";
  return /^[\w.:/-]{1,100}$/.test(value) ? value : "(malformed)";
}

/** What went wrong, for a log line; never throws, whatever a handler threw. */
function reason(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return typeof err === "string" ? err : "a non-Error value was thrown";
}

/** The JSON in a body: GitHub can also be set to send `payload=<json>` form-encoded. */
function parseJson(req: IncomingMessage, bytes: Buffer): unknown {
  let text = bytes.toString("utf8");
  const type = header(req, "content-type") ?? "";
  if (type.startsWith("application/x-www-form-urlencoded")) {
    text = new URLSearchParams(text).get("payload") ?? "";
  }
  return JSON.parse(text) as unknown;
}

/** An event in a log line. Pagure's delivery ID comes from the body, so it is named here. */
function summary(event: InboundIssueEvent): string {
  const reason = event.closeReason === null ? "" : ` (${event.closeReason})`;
  const delivery = event.source === "pagure" ? ` [msg ${printable(event.deliveryId)}]` : "";
  return `${event.repository}#${event.number} ${event.action}, ${event.state}${reason}, by ${event.sender}${delivery}`;
}

/**
 * Serves `POST /webhooks/github`, `POST /webhooks/pagure` and `GET /healthz`. Every signature is
 * checked over the raw bytes before anything is parsed; a verified issue event is passed to
 * `onEvent` once per delivery ID.
 */
export async function startWebhookServer(options: WebhookServerOptions): Promise<WebhookServer> {
  const secrets = new Map<Source, string>();
  if (options.githubSecret !== undefined) secrets.set("github", options.githubSecret);
  if (options.pagureSecret !== undefined) secrets.set("pagure", options.pagureSecret);
  // An empty key would make every signature forgeable by anyone.
  if ([...secrets.values()].some((secret) => secret === "")) {
    throw new Error("webhooks: a webhook secret is empty");
  }
  const maxBodyBytes = options.maxBodyBytes ?? 1 << 20;
  const handlerTimeoutMs = options.handlerTimeoutMs ?? 8_000;
  const { deliveries } = options;
  // A failing log sink must not take a request (or the process) down with it.
  const log = (line: string): void => {
    try {
      options.log(line);
    } catch {
      // nowhere left to report it
    }
  };
  const inFlight = new Set<string>();
  const pending = new Set<Promise<unknown>>();

  /** Applies an event unless its delivery was applied already or is being applied right now. */
  async function apply(event: InboundIssueEvent): Promise<Reply> {
    const key = `${event.source}:${event.deliveryId}`;
    if (deliveries.has(key)) return reply(200, "duplicate delivery, ignored");
    // A redelivery racing the first attempt: not a 2xx, so it can be redelivered if that fails.
    if (inFlight.has(key)) return reply(409, "delivery is being applied");
    inFlight.add(key);
    const run = (async () => {
      try {
        await options.onEvent(event);
        deliveries.firstTime(key);
      } finally {
        inFlight.delete(key);
      }
    })();
    const settled = run.then(
      () => reply(200, "applied", `applied ${summary(event)}`),
      (err: unknown) =>
        reply(500, "handler failed", `handler failed for ${summary(event)}: ${reason(err)}`),
    );
    pending.add(settled);
    void settled.finally(() => pending.delete(settled));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => {
        resolve(undefined);
      }, handlerTimeoutMs);
    });
    const outcome = await Promise.race([settled, timeout]);
    clearTimeout(timer);
    if (outcome !== undefined) return outcome;
    void settled.then((late) => {
      log(`webhooks: ${event.source} delivery ${printable(event.deliveryId)}: late ${late.note}`);
    });
    return reply(503, "still being applied", `handler still running for ${summary(event)}`);
  }

  async function github(req: IncomingMessage, body: Buffer, secret: string): Promise<Reply> {
    if (!verifySignature(secret, body, header(req, "x-hub-signature-256"))) {
      return reply(401, "invalid signature", "signature missing or invalid, nothing applied");
    }
    const name = header(req, "x-github-event");
    const id = header(req, "x-github-delivery");
    if (name === undefined || id === undefined || id === "") {
      return reply(400, "missing X-GitHub-Event or X-GitHub-Delivery");
    }
    let payload: unknown;
    try {
      payload = parseJson(req, body);
    } catch {
      return reply(400, "body is not JSON");
    }
    if (name === "ping") return reply(200, "pong");
    const event = githubIssueEvent(name, id, payload);
    if (event === null) return reply(204, "", `${name} event not followed`);
    return apply(event);
  }

  async function pagure(req: IncomingMessage, body: Buffer, secret: string): Promise<Reply> {
    if (!verifyPagureSignature(secret, body, header(req, "x-pagure-signature-256"))) {
      return reply(401, "invalid signature", "signature missing or invalid, nothing applied");
    }
    let payload: unknown;
    try {
      payload = parseJson(req, body);
    } catch {
      return reply(400, "body is not JSON");
    }
    const digest = createHash("sha256").update(body).digest("hex");
    const event = pagureIssueEvent(payload, digest);
    if (event === null) return reply(204, "", "topic not followed");
    return apply(event);
  }

  async function route(req: IncomingMessage, res: ServerResponse, source: Source): Promise<void> {
    const secret = secrets.get(source);
    const where =
      source === "github"
        ? `webhooks: github delivery ${printable(header(req, "x-github-delivery"))}`
        : "webhooks: pagure";
    if (secret === undefined) {
      send(res, 404, "not found");
      return;
    }
    if (req.method !== "POST") {
      send(res, 405, "method not allowed", { Allow: "POST" });
      return;
    }
    const body = await readBody(req, maxBodyBytes);
    if (body.kind === "too-large") {
      log(`${where}: 413 body over ${maxBodyBytes} bytes`);
      // The rest of the body is discarded unread; closing tells the client not to reuse this.
      send(res, 413, "payload too large", { Connection: "close" });
      return;
    }
    let answer: Reply;
    try {
      answer =
        source === "github"
          ? await github(req, body.bytes, secret)
          : await pagure(req, body.bytes, secret);
    } catch (err) {
      if (!(err instanceof PayloadError)) throw err;
      answer = reply(400, "unexpected payload", err.message);
    }
    log(`${where}: ${answer.status} ${answer.note}`);
    send(res, answer.status, answer.text);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?", 1)[0];
    if (path === "/webhooks/github" || path === "/webhooks/pagure") {
      await route(req, res, path === "/webhooks/github" ? "github" : "pagure");
    } else if (path === "/healthz") {
      if (req.method === "GET" || req.method === "HEAD") send(res, 200, "ok");
      else send(res, 405, "method not allowed", { Allow: "GET, HEAD" });
    } else {
      send(res, 404, "not found");
    }
  }

  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      // Never crash the server over one request: a client gone midway, a failing store…
      log(`webhooks: ${req.method ?? "?"} ${printable(req.url)}: 500 ${reason(err)}`);
      if (!res.headersSent) send(res, 500, "internal error", { Connection: "close" });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (err) => {
    log(`webhooks: server error: ${err.message}`);
  });
  const port = (server.address() as AddressInfo).port;
  log(
    `webhooks: listening on ${options.host ?? "127.0.0.1"}:${port} for ${[...secrets.keys()].join(", ") || "nothing (no secret configured)"}`,
  );

  return {
    port,
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => {
          if (err) reject(err);
          else resolve();
        });
        server.closeIdleConnections();
      });
      await Promise.allSettled(pending);
    },
  };
}

function send(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (status === 204) {
    res.writeHead(status, headers).end();
    return;
  }
  res
    .writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...headers })
    .end(`${text}\n`);
}
