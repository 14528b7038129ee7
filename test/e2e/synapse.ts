import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Helpers for end-to-end tests against the real Synapse that scripts/synapse/start.sh runs on
 * loopback (`npm run test:e2e` starts and stops it). Plain `fetch`, no Matrix SDK: users are
 * registered through the admin API with the shared secret, and the client-server calls a test
 * needs are thin wrappers that throw a {@link MatrixError} on any non-2xx answer.
 *
 * Every registered user gets a random suffix (`chair` → `@chair-3f9a1c2b:localhost`), so tests
 * never collide, within a run or across runs on the same server.
 */

/** `$SIGMEET_CACHE/synapse-run/synapse.json`, written by start.sh. */
export interface SynapseInfo {
  /** `http://127.0.0.1:8008`, no trailing slash. */
  readonly baseUrl: string;
  /** `localhost`: user ids are `@name:localhost`. */
  readonly serverName: string;
  /** The `registration_shared_secret` of this server (new on every start). */
  readonly sharedSecret: string;
  /** What the server reports, e.g. `1.160.0`. */
  readonly version: string;
  /** `raised` (every rc_* at 10000/s) or `stock` (Synapse's default rc_message: 0.2/s, burst 10). */
  readonly rateLimits: "raised" | "stock";
}

/** A registered user; every client-server helper takes one. */
export interface MatrixUser {
  readonly baseUrl: string;
  /** `@chair-3f9a1c2b:localhost`. */
  readonly userId: string;
  /** `chair-3f9a1c2b`. */
  readonly localpart: string;
  readonly password: string;
  readonly accessToken: string;
  readonly deviceId: string;
  readonly admin: boolean;
}

/** A client-server event as `/messages`, `/state` and `/event` return it. */
export interface MatrixEvent {
  readonly event_id: string;
  readonly type: string;
  readonly sender: string;
  readonly origin_server_ts: number;
  readonly content: Record<string, unknown>;
  readonly state_key?: string;
  readonly room_id?: string;
  readonly redacts?: string;
  readonly unsigned?: Record<string, unknown>;
}

/** A non-2xx answer from the server (or a body that is not what the call expects). */
export class MatrixError extends Error {
  readonly status: number;
  /** `M_FORBIDDEN`, `M_LIMIT_EXCEEDED`, …; empty when the body had none. */
  readonly errcode: string;
  /** From `retry_after_ms` (M_LIMIT_EXCEEDED), when given. */
  readonly retryAfterMs: number | undefined;
  readonly body: unknown;

  constructor(call: string, status: number, body: unknown) {
    const object = isObject(body) ? body : {};
    const errcode = typeof object["errcode"] === "string" ? object["errcode"] : "";
    const error = typeof object["error"] === "string" ? object["error"] : JSON.stringify(body);
    super(`${call}: HTTP ${status} ${errcode} ${error}`.replace(/ +/g, " "));
    this.name = "MatrixError";
    this.status = status;
    this.errcode = errcode;
    this.retryAfterMs =
      typeof object["retry_after_ms"] === "number" ? object["retry_after_ms"] : undefined;
    this.body = body;
  }
}

export const synapseInfoPath = join(
  process.env["SIGMEET_CACHE"] ?? "/var/cache/sigmeet",
  "synapse-run",
  "synapse.json",
);

const REQUEST_TIMEOUT_MS = 30_000;

let cachedInfo: SynapseInfo | undefined;

/** Reads synapse.json (once per process); throws, saying how to start the server, if it is missing. */
export function readSynapseInfo(): SynapseInfo {
  if (cachedInfo !== undefined) return cachedInfo;
  if (!existsSync(synapseInfoPath)) {
    throw new Error(
      `no ${synapseInfoPath}: the real Synapse is not running. Run this tier with \`npm run test:e2e\` (as root), which starts it.`,
    );
  }
  const raw: unknown = JSON.parse(readFileSync(synapseInfoPath, "utf8"));
  const info = isObject(raw) ? raw : {};
  const field = (key: string): string => {
    const value = info[key];
    if (typeof value !== "string" || value === "") {
      throw new Error(`${synapseInfoPath}: "${key}" missing; restart with \`npm run test:e2e\``);
    }
    return value;
  };
  const rateLimits = field("rateLimits");
  if (rateLimits !== "raised" && rateLimits !== "stock") {
    throw new Error(`${synapseInfoPath}: unknown rateLimits "${rateLimits}"`);
  }
  cachedInfo = {
    baseUrl: field("baseUrl").replace(/\/+$/, ""),
    serverName: field("serverName"),
    sharedSecret: field("sharedSecret"),
    version: field("version"),
    rateLimits,
  };
  return cachedInfo;
}

/**
 * Checks that the server in synapse.json answers (a synapse.json left from an earlier run says
 * nothing about a server now) and returns the spec versions it supports.
 */
export async function checkSynapse(): Promise<string[]> {
  const info = readSynapseInfo();
  let response: Response;
  try {
    response = await fetch(`${info.baseUrl}/_matrix/client/versions`, {
      signal: AbortSignal.timeout(5_000),
    });
  } catch (error) {
    throw new Error(
      `no Synapse answers at ${info.baseUrl} (${String(error)}): run this tier with \`npm run test:e2e\`, which starts it`,
      { cause: error },
    );
  }
  const body = await readBody(response);
  const versions = isObject(body) ? body["versions"] : undefined;
  if (!response.ok || !Array.isArray(versions)) {
    throw new MatrixError("GET /_matrix/client/versions", response.status, body);
  }
  return versions.filter((v): v is string => typeof v === "string");
}

/** `name-<8 hex>`: a localpart no other test or run uses. `name` must be a valid localpart. */
export function uniqueName(name: string): string {
  if (!/^[a-z0-9._=/+-]+$/.test(name)) {
    throw new Error(`"${name}" is not a valid Matrix localpart (lower case a-z, 0-9, ._=/+-)`);
  }
  return `${name}-${randomBytes(4).toString("hex")}`;
}

/**
 * Registers `name-<random>` through the shared-secret admin API (GET a nonce, then POST with
 * `mac` = hex HMAC-SHA1 of nonce NUL user NUL password NUL "admin"|"notadmin").
 */
export async function registerUser(
  name: string,
  options: { admin?: boolean } = {},
): Promise<MatrixUser> {
  const info = readSynapseInfo();
  const admin = options.admin ?? false;
  const localpart = uniqueName(name);
  const password = randomBytes(12).toString("hex");
  const path = "/_synapse/admin/v1/register";

  const nonceBody = await expectOk("GET", info.baseUrl, path, undefined, undefined);
  const nonce = stringField(nonceBody, "nonce", `GET ${path}`);
  const mac = createHmac("sha1", info.sharedSecret)
    .update(nonce)
    .update("\0")
    .update(localpart)
    .update("\0")
    .update(password)
    .update("\0")
    .update(admin ? "admin" : "notadmin")
    .digest("hex");
  const body = await expectOk("POST", info.baseUrl, path, undefined, {
    nonce,
    username: localpart,
    password,
    admin,
    mac,
  });
  return {
    baseUrl: info.baseUrl,
    userId: stringField(body, "user_id", `POST ${path}`),
    localpart,
    password,
    accessToken: stringField(body, "access_token", `POST ${path}`),
    deviceId: stringField(body, "device_id", `POST ${path}`),
    admin,
  };
}

/** The answer to one request, whatever its status. */
export interface MatrixAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * One client-server (or admin) request as `user`, returning status and body without judging them:
 * for tests that expect an error (e.g. `M_LIMIT_EXCEEDED` with SYNAPSE_RATE_LIMITS=stock).
 * `path` starts with `/_matrix/` or `/_synapse/`; encode path parameters with {@link path}.
 */
export async function matrixRequest(
  user: MatrixUser,
  method: string,
  requestPath: string,
  body?: unknown,
): Promise<MatrixAnswer> {
  const response = await send(method, user.baseUrl, requestPath, user.accessToken, body);
  return { status: response.status, body: await readBody(response) };
}

/** Like {@link matrixRequest}, but throws a {@link MatrixError} unless the status is 2xx. */
export async function matrixCall(
  user: MatrixUser,
  method: string,
  requestPath: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  return expectOk(method, user.baseUrl, requestPath, user.accessToken, body);
}

/** Builds a path from literal parts and parameters, percent-encoding the parameters. */
export function path(parts: TemplateStringsArray, ...params: string[]): string {
  return parts.reduce(
    (out, part, i) => out + part + (i < params.length ? encodeURIComponent(params[i] ?? "") : ""),
    "",
  );
}

/** `GET /account/whoami`. */
export async function whoami(user: MatrixUser): Promise<string> {
  const body = await matrixCall(user, "GET", "/_matrix/client/v3/account/whoami");
  return stringField(body, "user_id", "GET /account/whoami");
}

export interface CreateRoomOptions {
  /** `"11"`, `"12"`, …; the server's default when absent. */
  readonly roomVersion?: string;
  /** Default `private_chat`. */
  readonly preset?: "private_chat" | "public_chat" | "trusted_private_chat";
  readonly name?: string;
  readonly topic?: string;
  readonly invite?: readonly string[];
  readonly powerLevelContentOverride?: Record<string, unknown>;
  readonly initialState?: readonly {
    type: string;
    state_key?: string;
    content: Record<string, unknown>;
  }[];
  /** Extra `creation_content` (e.g. `additional_creators` in v12). */
  readonly creationContent?: Record<string, unknown>;
}

/** `POST /createRoom`; returns the room id. */
export async function createRoom(
  user: MatrixUser,
  options: CreateRoomOptions = {},
): Promise<string> {
  const request: Record<string, unknown> = { preset: options.preset ?? "private_chat" };
  if (options.roomVersion !== undefined) request["room_version"] = options.roomVersion;
  if (options.name !== undefined) request["name"] = options.name;
  if (options.topic !== undefined) request["topic"] = options.topic;
  if (options.invite !== undefined) request["invite"] = options.invite;
  if (options.powerLevelContentOverride !== undefined) {
    request["power_level_content_override"] = options.powerLevelContentOverride;
  }
  if (options.initialState !== undefined) request["initial_state"] = options.initialState;
  if (options.creationContent !== undefined) request["creation_content"] = options.creationContent;
  const body = await matrixCall(user, "POST", "/_matrix/client/v3/createRoom", request);
  return stringField(body, "room_id", "POST /createRoom");
}

/** `POST /rooms/{roomId}/invite`. */
export async function invite(user: MatrixUser, roomId: string, userId: string): Promise<void> {
  await matrixCall(user, "POST", path`/_matrix/client/v3/rooms/${roomId}/invite`, {
    user_id: userId,
  });
}

/** `POST /join/{roomIdOrAlias}`; returns the room id. */
export async function joinRoom(user: MatrixUser, roomIdOrAlias: string): Promise<string> {
  const body = await matrixCall(user, "POST", path`/_matrix/client/v3/join/${roomIdOrAlias}`, {});
  return stringField(body, "room_id", "POST /join");
}

/** `POST /rooms/{roomId}/leave`. */
export async function leaveRoom(user: MatrixUser, roomId: string): Promise<void> {
  await matrixCall(user, "POST", path`/_matrix/client/v3/rooms/${roomId}/leave`, {});
}

/** `PUT /rooms/{roomId}/send/{type}/{txnId}` with a fresh transaction id; returns the event id. */
export async function sendEvent(
  user: MatrixUser,
  roomId: string,
  type: string,
  content: Record<string, unknown>,
): Promise<string> {
  const body = await matrixCall(
    user,
    "PUT",
    path`/_matrix/client/v3/rooms/${roomId}/send/${type}/${randomUUID()}`,
    content,
  );
  return stringField(body, "event_id", `PUT /send/${type}`);
}

/**
 * Sends an `m.room.message`: a string is an `m.text` body (or `msgtype`, e.g. `m.notice`), an
 * object is the whole content. Returns the event id.
 */
export async function sendMessage(
  user: MatrixUser,
  roomId: string,
  message: string | Record<string, unknown>,
  msgtype = "m.text",
): Promise<string> {
  const content = typeof message === "string" ? { msgtype, body: message } : message;
  return sendEvent(user, roomId, "m.room.message", content);
}

/** `PUT /rooms/{roomId}/redact/{eventId}/{txnId}`; returns the redaction's event id. */
export async function redact(
  user: MatrixUser,
  roomId: string,
  eventId: string,
  reason?: string,
): Promise<string> {
  const body = await matrixCall(
    user,
    "PUT",
    path`/_matrix/client/v3/rooms/${roomId}/redact/${eventId}/${randomUUID()}`,
    reason === undefined ? {} : { reason },
  );
  return stringField(body, "event_id", "PUT /redact");
}

export interface MessagesPage {
  readonly chunk: MatrixEvent[];
  readonly start: string;
  /** Absent when there is nothing more in that direction. */
  readonly end?: string;
  readonly state?: MatrixEvent[];
}

/** One `GET /rooms/{roomId}/messages` page (default `dir=b`, newest first). */
export async function getMessages(
  user: MatrixUser,
  roomId: string,
  options: { dir?: "b" | "f"; from?: string; to?: string; limit?: number; filter?: object } = {},
): Promise<MessagesPage> {
  const query = new URLSearchParams({ dir: options.dir ?? "b" });
  if (options.from !== undefined) query.set("from", options.from);
  if (options.to !== undefined) query.set("to", options.to);
  if (options.limit !== undefined) query.set("limit", String(options.limit));
  if (options.filter !== undefined) query.set("filter", JSON.stringify(options.filter));
  const body = await matrixCall(
    user,
    "GET",
    `${path`/_matrix/client/v3/rooms/${roomId}/messages`}?${query.toString()}`,
  );
  const chunk = body["chunk"];
  if (!Array.isArray(chunk)) throw new MatrixError("GET /messages: no chunk", 200, body);
  const end = body["end"];
  const state = body["state"];
  return {
    chunk: chunk.map((e: unknown) => toEvent(e, "GET /messages")),
    start: stringField(body, "start", "GET /messages"),
    ...(typeof end === "string" ? { end } : {}),
    ...(Array.isArray(state)
      ? { state: state.map((e: unknown) => toEvent(e, "GET /messages")) }
      : {}),
  };
}

/**
 * The whole visible timeline, oldest first: pages `GET /messages?dir=f` from the start of the
 * room until no `end` is returned. `types` keeps only those event types.
 */
export async function readTimeline(
  user: MatrixUser,
  roomId: string,
  options: { types?: readonly string[]; pageSize?: number } = {},
): Promise<MatrixEvent[]> {
  const events: MatrixEvent[] = [];
  let from: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const result = await getMessages(user, roomId, {
      dir: "f",
      limit: options.pageSize ?? 100,
      ...(from === undefined ? {} : { from }),
    });
    events.push(...result.chunk);
    if (result.end === undefined || result.chunk.length === 0) break;
    from = result.end;
  }
  const types = options.types;
  return types === undefined ? events : events.filter((e) => types.includes(e.type));
}

/** `GET /rooms/{roomId}/event/{eventId}`. */
export async function getEvent(
  user: MatrixUser,
  roomId: string,
  eventId: string,
): Promise<MatrixEvent> {
  const body = await matrixCall(
    user,
    "GET",
    path`/_matrix/client/v3/rooms/${roomId}/event/${eventId}`,
  );
  return toEvent(body, "GET /event");
}

/** `GET /rooms/{roomId}/state`: every current state event. */
export async function getState(user: MatrixUser, roomId: string): Promise<MatrixEvent[]> {
  const response = await send(
    "GET",
    user.baseUrl,
    path`/_matrix/client/v3/rooms/${roomId}/state`,
    user.accessToken,
    undefined,
  );
  const body = await readBody(response);
  if (!response.ok || !Array.isArray(body))
    throw new MatrixError("GET /state", response.status, body);
  return body.map((e: unknown) => toEvent(e, "GET /state"));
}

/** The current state event of that type and key (e.g. `m.room.create`), or throws. */
export async function getStateEvent(
  user: MatrixUser,
  roomId: string,
  type: string,
  stateKey = "",
): Promise<MatrixEvent> {
  const found = (await getState(user, roomId)).find(
    (e) => e.type === type && e.state_key === stateKey,
  );
  if (found === undefined) throw new Error(`room ${roomId} has no ${type} "${stateKey}" state`);
  return found;
}

/** `PUT /rooms/{roomId}/state/{type}/{stateKey}`; returns the event id. */
export async function sendStateEvent(
  user: MatrixUser,
  roomId: string,
  type: string,
  stateKey: string,
  content: Record<string, unknown>,
): Promise<string> {
  const body = await matrixCall(
    user,
    "PUT",
    path`/_matrix/client/v3/rooms/${roomId}/state/${type}/${stateKey}`,
    content,
  );
  return stringField(body, "event_id", `PUT /state/${type}`);
}

/** The content of the current `m.room.power_levels`. */
export async function getPowerLevels(
  user: MatrixUser,
  roomId: string,
): Promise<Record<string, unknown>> {
  return matrixCall(
    user,
    "GET",
    path`/_matrix/client/v3/rooms/${roomId}/state/m.room.power_levels/`,
  );
}

/** Replaces `m.room.power_levels` with `content`; returns the event id. */
export async function setPowerLevels(
  user: MatrixUser,
  roomId: string,
  content: Record<string, unknown>,
): Promise<string> {
  return sendStateEvent(user, roomId, "m.room.power_levels", "", content);
}

/** Reads the power levels and sets one user's level (`null` removes the entry). */
export async function setUserPowerLevel(
  user: MatrixUser,
  roomId: string,
  userId: string,
  level: number | null,
): Promise<string> {
  const current = await getPowerLevels(user, roomId);
  const users = isObject(current["users"]) ? { ...current["users"] } : {};
  if (level === null) {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a map keyed by user id
    delete users[userId];
  } else {
    users[userId] = level;
  }
  return setPowerLevels(user, roomId, { ...current, users });
}

/**
 * Admin API: per-user message rate limit (`POST /_synapse/admin/v1/users/{userId}/override_ratelimit`),
 * integers only; `0, 0` lifts the limit for that user (e.g. a bot under SYNAPSE_RATE_LIMITS=stock).
 * `admin` must have been registered with `{ admin: true }`.
 */
export async function overrideRateLimit(
  admin: MatrixUser,
  userId: string,
  limit: { messagesPerSecond: number; burstCount: number },
): Promise<void> {
  await matrixCall(admin, "POST", path`/_synapse/admin/v1/users/${userId}/override_ratelimit`, {
    messages_per_second: limit.messagesPerSecond,
    burst_count: limit.burstCount,
  });
}

/**
 * `PUT /directory/room/{alias}`: points a local alias (`#name:localhost`) at a room. Pass
 * `canonical: true` to also make it the room's `m.room.canonical_alias` (needs the power to send
 * that state event, e.g. the room's creator).
 */
export async function createAlias(
  user: MatrixUser,
  alias: string,
  roomId: string,
  options: { canonical?: boolean } = {},
): Promise<void> {
  await matrixCall(user, "PUT", path`/_matrix/client/v3/directory/room/${alias}`, {
    room_id: roomId,
  });
  if (options.canonical === true)
    await sendStateEvent(user, roomId, "m.room.canonical_alias", "", { alias });
}

/**
 * Sends an edit (`m.replace`) of `targetEventId` whose new text is `newBody`, shaped as clients
 * send it: `* new` as the fallback body, the new content in `m.new_content`. Returns the event id.
 */
export async function editMessage(
  user: MatrixUser,
  roomId: string,
  targetEventId: string,
  newBody: string,
  msgtype = "m.text",
): Promise<string> {
  return sendMessage(user, roomId, {
    msgtype,
    body: `* ${newBody}`,
    "m.new_content": { msgtype, body: newBody },
    "m.relates_to": { rel_type: "m.replace", event_id: targetEventId },
  });
}

// --- internals ---

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringField(body: unknown, key: string, call: string): string {
  const value = isObject(body) ? body[key] : undefined;
  if (typeof value !== "string")
    throw new MatrixError(`${call}: no "${key}" in the answer`, 200, body);
  return value;
}

function toEvent(value: unknown, call: string): MatrixEvent {
  if (
    !isObject(value) ||
    typeof value["event_id"] !== "string" ||
    typeof value["type"] !== "string" ||
    typeof value["sender"] !== "string" ||
    !isObject(value["content"])
  ) {
    throw new MatrixError(`${call}: not an event`, 200, value);
  }
  return value as unknown as MatrixEvent;
}

async function send(
  method: string,
  baseUrl: string,
  requestPath: string,
  accessToken: string | undefined,
  body: unknown,
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (accessToken !== undefined) headers["authorization"] = `Bearer ${accessToken}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  try {
    return await fetch(`${baseUrl}${requestPath}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(
      `${method} ${requestPath}: no answer from Synapse at ${baseUrl} (${String(error)}); is \`npm run test:e2e\` running it?`,
      { cause: error },
    );
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function expectOk(
  method: string,
  baseUrl: string,
  requestPath: string,
  accessToken: string | undefined,
  body: unknown,
): Promise<Record<string, unknown>> {
  const response = await send(method, baseUrl, requestPath, accessToken, body);
  const answer = await readBody(response);
  const call = `${method} ${requestPath.split("?")[0] ?? requestPath}`;
  if (!response.ok) throw new MatrixError(call, response.status, answer);
  if (!isObject(answer))
    throw new MatrixError(`${call}: not a JSON object`, response.status, answer);
  return answer;
}
