import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { startBot, type RunningBot } from "../../src/bot/start-bot.ts";
import { ConfigSchema, type Config } from "../../src/config/schema.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Store } from "../../src/store/types.ts";
import {
  createAlias,
  createRoom,
  getStateEvent,
  joinRoom,
  type MatrixEvent,
  type MatrixUser,
  readSynapseInfo,
  readTimeline,
  uniqueName,
} from "./synapse.ts";

/**
 * What the bot's end-to-end tests share: a bot (`startBot`, in process, on a real SQLite file)
 * against the real Synapse, rooms with a chair and members, and waiting on the room's timeline
 * for what the bot answers, with failure messages that show what the bot did say and log.
 */

/** A fresh temporary directory, removed by {@link removeDirs} (call it in afterAll). */
const dirs: string[] = [];
export function tempDir(prefix = "sigmeet-bot-e2e-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
export function removeDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * The bot's configuration: the database and minutes under `dir`, the given rooms on this run's
 * Synapse, plus any other top-level keys (`trackers`, `sync`, …) from `extra`.
 */
export function botConfig(
  dir: string,
  rooms: readonly string[],
  extra: Record<string, unknown> = {},
  matrix: Record<string, unknown> = {},
): Config {
  return ConfigSchema.parse({
    db: join(dir, "bot.db"),
    matrix: {
      homeserverUrl: readSynapseInfo().baseUrl,
      rooms,
      minutesDir: join(dir, "minutes"),
      ...matrix,
    },
    ...extra,
  });
}

/** A running bot, its store and everything it logged (kept across restarts). */
export interface TestBot {
  readonly running: RunningBot;
  readonly store: Store;
  readonly logs: string[];
  /** Stops the bot (waits for its jobs) and closes its store. */
  stop(): Promise<void>;
}

/** Starts the bot as `sigmeet run` would, with a short /sync long-poll. */
export async function runBot(options: {
  config: Config;
  bot: MatrixUser;
  env?: Readonly<Record<string, string>>;
  logs?: string[];
}): Promise<TestBot> {
  const logs = options.logs ?? [];
  const store = openStore(options.config.db);
  let running: RunningBot;
  try {
    running = await startBot({
      config: options.config,
      store,
      env: { SIGMEET_MATRIX_TOKEN: options.bot.accessToken, ...options.env },
      log: (line) => logs.push(`${new Date().toISOString().slice(11, 23)} ${line}`),
      syncTimeoutMs: 1000,
    });
  } catch (error) {
    store.close();
    throw error;
  }
  let stopped = false;
  return {
    running,
    store,
    logs,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await running.stop();
      store.close();
    },
  };
}

/** `sigmeet run` in a child process: killed for real (SIGKILL), not stopped. */
export interface BotProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote to stderr so far (its log). */
  stderr(): string;
  /** SIGKILL, and wait for the exit. */
  kill(): Promise<void>;
}

const MAIN = resolve(import.meta.dirname, "../../src/cli/main.ts");

/**
 * Writes `config` (JSON is YAML) to `dir/sigmeet.json` and runs `sigmeet --config … run` with the
 * bot's token, as a service would.
 */
export function spawnBot(dir: string, config: Config, bot: MatrixUser): BotProcess {
  const configPath = join(dir, "sigmeet.json");
  writeFileSync(configPath, JSON.stringify(config));
  const child = spawn(process.execPath, [MAIN, "--config", configPath, "run"], {
    cwd: dir,
    env: { ...process.env, SIGMEET_MATRIX_TOKEN: bot.accessToken, NO_COLOR: "1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<void>((done) => {
    child.once("exit", () => {
      done();
    });
  });
  return {
    child,
    stderr: () => stderr,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/**
 * A room created by `chair` (room version 11 unless told), the others and the bot invited, the
 * others joined (the bot joins on its own when it starts). With `alias` (a localpart), the room
 * gets `#alias:server` as its canonical alias, which names it in the minutes' paths.
 */
export async function meetingRoom(
  chair: MatrixUser,
  others: readonly MatrixUser[],
  bot: MatrixUser | null,
  options: { roomVersion?: string; alias?: string; name?: string } = {},
): Promise<{ roomId: string; alias: string | undefined }> {
  const roomId = await createRoom(chair, {
    roomVersion: options.roomVersion ?? "11",
    invite: [...others.map((u) => u.userId), ...(bot === null ? [] : [bot.userId])],
    ...(options.name === undefined ? {} : { name: options.name }),
  });
  for (const user of others) await joinRoom(user, roomId);
  let alias: string | undefined;
  if (options.alias !== undefined) {
    alias = `#${options.alias}:${readSynapseInfo().serverName}`;
    await createAlias(chair, alias, roomId, { canonical: true });
  }
  return { roomId, alias };
}

/** A fresh alias localpart, `name-<8 hex>`. */
export const aliasName = uniqueName;

/** Polls `probe` every 200 ms until it returns something; throws naming `what` after `ms`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 20_000,
  context: () => string = () => "",
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end)
      throw new Error(`timed out after ${String(ms / 1000)} s waiting for ${what}\n${context()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// --- reading what the bot did -----------------------------------------------------------------

export function bodyOf(event: MatrixEvent): string {
  const body = event.content["body"];
  return typeof body === "string" ? body : "";
}

function relation(event: MatrixEvent): Record<string, unknown> {
  const rel = event.content["m.relates_to"];
  return typeof rel === "object" && rel !== null ? (rel as Record<string, unknown>) : {};
}

/** The event a reply answers (`m.in_reply_to`), if any. */
export function replyTarget(event: MatrixEvent): string | undefined {
  const inReply = relation(event)["m.in_reply_to"];
  const id =
    typeof inReply === "object" && inReply !== null
      ? (inReply as Record<string, unknown>)["event_id"]
      : undefined;
  return typeof id === "string" ? id : undefined;
}

/** `{ target, key }` of an `m.reaction` annotation. */
export function reactionOf(event: MatrixEvent): { target: string; key: string } | undefined {
  if (event.type !== "m.reaction") return undefined;
  const rel = relation(event);
  const target = rel["event_id"];
  const key = rel["key"];
  return rel["rel_type"] === "m.annotation" && typeof target === "string" && typeof key === "string"
    ? { target, key }
    : undefined;
}

/** `m.mentions.user_ids` of a notice. */
export function mentionsOf(event: MatrixEvent): unknown {
  const mentions = event.content["m.mentions"];
  return typeof mentions === "object" && mentions !== null
    ? (mentions as Record<string, unknown>)["user_ids"]
    : undefined;
}

/**
 * One room as seen by a member (`viewer`), and what the bot (`botId`) did in it. Every wait reads
 * the whole timeline again (rooms here hold tens to a few hundred events) until the probe answers.
 */
export class RoomView {
  readonly viewer: MatrixUser;
  readonly roomId: string;
  readonly botId: string;
  readonly logs: () => readonly string[];

  constructor(viewer: MatrixUser, roomId: string, botId: string, logs: () => readonly string[]) {
    this.viewer = viewer;
    this.roomId = roomId;
    this.botId = botId;
    this.logs = logs;
  }

  events(): Promise<MatrixEvent[]> {
    return readTimeline(this.viewer, this.roomId);
  }

  /** The bot's events of the timeline, in order. */
  async botEvents(): Promise<MatrixEvent[]> {
    return (await this.events()).filter((e) => e.sender === this.botId);
  }

  /** The bot's reaction keys on one event, in order (duplicates kept). */
  static reactions(events: readonly MatrixEvent[], botId: string, target: string): string[] {
    return events
      .filter((e) => e.sender === botId)
      .map(reactionOf)
      .filter((r) => r?.target === target)
      .map((r) => r?.key ?? "");
  }

  /** The bot's notices that reply to one event. */
  static replies(events: readonly MatrixEvent[], botId: string, target: string): MatrixEvent[] {
    return events.filter(
      (e) => e.sender === botId && e.type === "m.room.message" && replyTarget(e) === target,
    );
  }

  /** The bot's notices (m.room.message, msgtype m.notice). */
  static notices(events: readonly MatrixEvent[], botId: string): MatrixEvent[] {
    return events.filter(
      (e) =>
        e.sender === botId && e.type === "m.room.message" && e.content["msgtype"] === "m.notice",
    );
  }

  /** Polls the timeline until `probe` returns something; throws with the bot's side on timeout. */
  async until<T>(
    what: string,
    probe: (events: MatrixEvent[]) => T | undefined,
    ms = 30_000,
  ): Promise<T> {
    const end = Date.now() + ms;
    let events: MatrixEvent[];
    for (;;) {
      events = await this.events();
      const value = probe(events);
      if (value !== undefined) return value;
      if (Date.now() > end) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(
      `timed out after ${String(ms / 1000)} s waiting for ${what} in ${this.roomId}\n` +
        `--- the room's last 25 messages and reactions ---\n${describeEvents(events.slice(-25))}\n` +
        `--- the bot's last 30 log lines ---\n${this.logs().slice(-30).join("\n")}`,
    );
  }

  /** Waits for the bot's reaction `key` on `target`. */
  reaction(target: string, key: string, ms?: number): Promise<true> {
    return this.until(
      `the bot's ${key} reaction on ${target}`,
      (events) => (RoomView.reactions(events, this.botId, target).includes(key) ? true : undefined),
      ms,
    );
  }

  /** Waits for the bot's reply to `target` whose body matches. */
  reply(target: string, match: string | RegExp, ms?: number): Promise<MatrixEvent> {
    return this.until(
      `the bot's reply to ${target} matching ${String(match)}`,
      (events) =>
        RoomView.replies(events, this.botId, target).find((e) => matches(bodyOf(e), match)),
      ms,
    );
  }

  /** Waits for a notice of the bot whose body matches. */
  notice(match: string | RegExp, ms?: number): Promise<MatrixEvent> {
    return this.until(
      `the bot's notice matching ${String(match)}`,
      (events) => RoomView.notices(events, this.botId).find((e) => matches(bodyOf(e), match)),
      ms,
    );
  }

  /** Waits until `userId` has joined the room. */
  async joined(userId: string, ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    for (;;) {
      const member = await getStateEvent(this.viewer, this.roomId, "m.room.member", userId).catch(
        () => null,
      );
      if (member?.content["membership"] === "join") return;
      if (Date.now() > end)
        throw new Error(
          `timed out waiting for ${userId} to join ${this.roomId}\n--- the bot's log ---\n${this.logs().slice(-30).join("\n")}`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function matches(text: string, match: string | RegExp): boolean {
  return typeof match === "string" ? text.includes(match) : match.test(text);
}

export function describeEvents(events: readonly MatrixEvent[]): string {
  return events
    .filter((e) => e.type === "m.room.message" || e.type === "m.reaction")
    .map((e) => {
      const r = reactionOf(e);
      const what =
        r !== undefined
          ? `reacts ${r.key} to ${r.target}`
          : `${String(e.content["msgtype"])}${replyTarget(e) === undefined ? "" : ` (reply to ${replyTarget(e) ?? ""})`}: ${bodyOf(e).replace(/\n/g, " ⏎ ").slice(0, 160)}`;
      return `${e.event_id} ${e.sender} ${what}`;
    })
    .join("\n");
}

// --- files ------------------------------------------------------------------------------------

/** Every file under `dir`, as paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    let names: string[];
    try {
      names = readdirSync(at);
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(at, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

/** `date`, `time` (HH:MM:SS) and `hhmm` (HH.MM, as file names have it) of a timestamp, UTC. */
export function stampOf(ts: number): { date: string; time: string; hhmm: string } {
  const iso = new Date(ts).toISOString();
  return {
    date: iso.slice(0, 10),
    time: iso.slice(11, 19),
    hhmm: iso.slice(11, 16).replace(":", "."),
  };
}

/** The lines of a Matrix `.log.txt`: `{ sender, text }` each. */
export function logLines(logText: string): { sender: string; text: string }[] {
  return logText
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const m = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d <([^>]+)> (.*)$/.exec(l);
      if (m === null) throw new Error(`not a Matrix log line: ${JSON.stringify(l)}`);
      return { sender: m[1] ?? "", text: m[2] ?? "" };
    });
}
