/**
 * `npm run bench:bot` (bench/bot.sh starts the real Synapse first): the live bot against a real
 * homeserver. Prints figures; asserts nothing (targets in docs/benchmarks.md).
 *
 *   1. Command-to-acknowledgement latency, p50 and p99: the time from sending `!info …` until the
 *      bot's reaction reaches a client's /sync. Side by side in the same run with a bare echo bot
 *      (the same Matrix port, reacting to every message and nothing else), the two rooms taking
 *      turns. Target: sigmeet at most 1.2 × the echo bot.
 *   2. Load: meetings running in 50 rooms, 20 messages a second in total (a fifth of them item
 *      commands) for BENCH_BOT_SECONDS (default 180): the acknowledgement lag per 30 s window
 *      (growing lag = the bot falls behind) and the bot process's RSS (target ≤ 150 MB).
 *
 * Each bot runs in its own process (the built CLI; bench/echo-bot.ts). Synapse runs with the e2e tier's raised
 * rate limits, so the homeserver's throttling is not what is measured.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createRoom,
  matrixCall,
  readSynapseInfo,
  registerUser,
  sendMessage,
  type MatrixUser,
} from "../test/e2e/synapse.ts";

const SAMPLES = Number(process.env["BENCH_BOT_SAMPLES"] ?? 200);
const LOAD_SECONDS = Number(process.env["BENCH_BOT_SECONDS"] ?? 150);
const LOAD_ROOMS = 50;
const LOAD_RATE = 20; // messages per second, all rooms together
const WINDOW_S = 30;

/** Watches one user's /sync for reactions; resolves waiters by the reacted-to event id. */
class ReactionWatch {
  readonly #user: MatrixUser;
  readonly #seen = new Map<string, number[]>(); // event id → arrival times (ms)
  readonly #waiters = new Map<string, (at: number) => void>();
  #since: string | undefined;
  #running = true;
  readonly done: Promise<void>;

  constructor(user: MatrixUser) {
    this.#user = user;
    this.done = this.#loop();
  }

  /** Resolves with the arrival time of the first reaction to `eventId`. */
  arrival(eventId: string): Promise<number> {
    const first = this.#seen.get(eventId)?.[0];
    if (first !== undefined) return Promise.resolve(first);
    return new Promise((resolve) => this.#waiters.set(eventId, resolve));
  }

  /** How many reactions `eventId` got. */
  count(eventId: string): number {
    return this.#seen.get(eventId)?.length ?? 0;
  }

  stop(): void {
    this.#running = false;
  }

  async #loop(): Promise<void> {
    const filter = JSON.stringify({
      room: {
        timeline: { limit: 1000, types: ["m.reaction"] },
        state: { lazy_load_members: true },
      },
      presence: { types: [] },
      account_data: { types: [] },
    });
    while (this.#running) {
      const qs = new URLSearchParams({ timeout: "5000", filter });
      if (this.#since !== undefined) qs.set("since", this.#since);
      const body = await matrixCall(this.#user, "GET", `/_matrix/client/v3/sync?${qs.toString()}`);
      const at = performance.now();
      this.#since = typeof body["next_batch"] === "string" ? body["next_batch"] : this.#since;
      const join = ((body["rooms"] as Record<string, unknown> | undefined)?.["join"] ??
        {}) as Record<string, { timeline?: { events?: unknown[] } }>;
      for (const room of Object.values(join)) {
        for (const raw of room.timeline?.events ?? []) {
          const event = raw as { type?: string; content?: Record<string, unknown> };
          if (event.type !== "m.reaction") continue;
          const target = (event.content?.["m.relates_to"] as { event_id?: string } | undefined)
            ?.event_id;
          if (target === undefined) continue;
          const list = this.#seen.get(target) ?? [];
          list.push(at);
          this.#seen.set(target, list);
          this.#waiters.get(target)?.(at);
          this.#waiters.delete(target);
        }
      }
    }
  }
}

/**
 * The sigmeet bot runs as users run it: the built CLI (`dist/`, with the node flags of its `#!`
 * line), `sigmeet run` with a config file. The echo bot is bench/echo-bot.ts.
 */
function startChild(kind: "sigmeet" | "echo", settings: Settings): Promise<ChildProcess> {
  let child: ChildProcess;
  if (kind === "sigmeet") {
    const dir = mkdtempSync(join(tmpdir(), "sigmeet-bench-bot-"));
    const config = join(dir, "sigmeet.yaml");
    writeFileSync(
      config,
      JSON.stringify({
        db: join(dir, "bot.db"),
        matrix: {
          homeserverUrl: settings.baseUrl,
          rooms: settings.rooms,
          minutesDir: join(dir, "minutes"),
        },
      }),
    );
    const cli = join(import.meta.dirname, "../dist/src/cli/main.js");
    const flags = (/^#!.*\bnode\b(.*)$/m.exec(readFileSync(cli, "utf8"))?.[1] ?? "")
      .trim()
      .split(/\s+/)
      .filter((f) => f !== "");
    child = spawn(process.execPath, [...flags, cli, "run", "--config", config], {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, SIGMEET_MATRIX_TOKEN: settings.token },
    });
  } else {
    child = spawn(
      process.execPath,
      [join(import.meta.dirname, "echo-bot.ts"), JSON.stringify(settings)],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
  }
  return new Promise((resolve, reject) => {
    const ready = (chunk: Buffer): void => {
      const text = chunk.toString();
      if (/ready|is running in/.test(text)) resolve(child);
      if (/failed|error/i.test(text)) process.stderr.write(`${kind}: ${text}`);
    };
    child.stdout?.on("data", ready);
    child.stderr?.on("data", ready);
    child.once("exit", (code) => {
      reject(new Error(`${kind} bot exited with ${String(code)} before it was ready`));
    });
  });
}

interface Settings {
  readonly baseUrl: string;
  readonly token: string;
  readonly rooms: readonly string[];
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once("exit", () => {
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const fields =
    readFileSync(`/proc/${String(pid)}/stat`, "utf8")
      .split(") ")[1]
      ?.split(" ") ?? [];
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}

/** Synapse's process, from the pid file start.sh writes. */
function synapsePid(): number {
  const file = join(
    process.env["SIGMEET_CACHE"] ?? "/var/cache/sigmeet",
    "synapse-run",
    "synapse.pid",
  );
  return Number(readFileSync(file, "utf8").trim());
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${String(pid)}/status`, "utf8");
  const kb = (key: string): number =>
    Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const ms = (v: number): string => `${v.toFixed(1)} ms`;
const sleep = (t: number): Promise<void> => new Promise((done) => setTimeout(done, t));

/** Sends and waits for the bot's reaction; the latency in ms. */
async function roundTrip(
  watch: ReactionWatch,
  user: MatrixUser,
  room: string,
  text: string,
): Promise<number> {
  const sent = performance.now();
  const eventId = await sendMessage(user, room, text);
  const at = await Promise.race([watch.arrival(eventId), sleep(30_000).then(() => Number.NaN)]);
  return at - sent;
}

async function main(): Promise<void> {
  const info = readSynapseInfo();
  process.stdout.write(
    `bench:bot against Synapse ${info.version} (${info.rateLimits} rate limits)\n`,
  );
  const chair = await registerUser("bench-chair");
  const members = await Promise.all(
    [1, 2, 3, 4, 5].map((i) => registerUser(`bench-m${String(i)}`)),
  );
  const sigmeetUser = await registerUser("bench-sigmeet");
  const echoUser = await registerUser("bench-echo");

  // --- 1. latency, side by side ---------------------------------------------------------------
  const sigRoom = await createRoom(chair, {
    name: "Latency sigmeet",
    invite: [sigmeetUser.userId],
  });
  const echoRoom = await createRoom(chair, { name: "Latency echo", invite: [echoUser.userId] });
  const watch = new ReactionWatch(chair);
  const sigmeet = await startChild("sigmeet", {
    baseUrl: info.baseUrl,
    token: sigmeetUser.accessToken,
    rooms: [sigRoom],
  });
  const echo = await startChild("echo", {
    baseUrl: info.baseUrl,
    token: echoUser.accessToken,
    rooms: [echoRoom],
  });
  await sleep(1000);
  const start = await roundTrip(watch, chair, sigRoom, "!startmeeting latency");
  if (Number.isNaN(start)) throw new Error("the sigmeet bot did not acknowledge !startmeeting");
  for (let i = 0; i < 10; i++) {
    // warm-up: JIT, SQLite statements, connection pools
    await roundTrip(watch, chair, sigRoom, `!info warm-up ${String(i)}`);
    await roundTrip(watch, chair, echoRoom, `!info warm-up ${String(i)}`);
  }
  const sig: number[] = [];
  const ech: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    sig.push(await roundTrip(watch, chair, sigRoom, `!info latency sample ${String(i)}`));
    ech.push(await roundTrip(watch, chair, echoRoom, `!info latency sample ${String(i)}`));
  }
  const lost = [...sig, ...ech].filter(Number.isNaN).length;
  const p = (v: number[], q: number): number =>
    quantile(
      v.filter((x) => !Number.isNaN(x)),
      q,
    );
  process.stdout.write(
    `\n1. command → reaction latency, ${String(SAMPLES)} samples each, alternating\n` +
      `   sigmeet: p50 ${ms(p(sig, 0.5))}  p99 ${ms(p(sig, 0.99))}\n` +
      `   echo:    p50 ${ms(p(ech, 0.5))}  p99 ${ms(p(ech, 0.99))}\n` +
      `   ratio:   p50 ${(p(sig, 0.5) / p(ech, 0.5)).toFixed(2)}×  p99 ${(p(sig, 0.99) / p(ech, 0.99)).toFixed(2)}×` +
      (lost > 0 ? `  (${String(lost)} never acknowledged)` : "") +
      "\n",
  );
  await stopChild(echo);
  await stopChild(sigmeet);

  // --- 2. load: 50 rooms, 20 msg/s, the echo bot first as the baseline ----------------------
  // The homeserver slows as its database grows, which weighs on the second phase: run the
  // order both ways (BENCH_BOT_ORDER=sigmeet-first) to see how much.
  const only = process.env["BENCH_BOT_ONLY"];
  const order: ("echo" | "sigmeet")[] =
    process.env["BENCH_BOT_ORDER"] === "sigmeet-first" ? ["sigmeet", "echo"] : ["echo", "sigmeet"];
  for (const kind of order)
    if (only === undefined || only === kind)
      await loadPhase(kind, info.baseUrl, chair, members, watch);
  watch.stop();
  await watch.done.catch(() => undefined);
}

async function loadPhase(
  kind: "sigmeet" | "echo",
  baseUrl: string,
  chair: MatrixUser,
  members: readonly MatrixUser[],
  watch: ReactionWatch,
): Promise<void> {
  const loadBot = await registerUser(`bench-load-${kind}`);
  const rooms: string[] = [];
  for (let i = 0; i < LOAD_ROOMS; i++) {
    const room = await createRoom(chair, {
      name: `Load ${String(i)}`,
      invite: [loadBot.userId, ...members.map((m) => m.userId)],
    });
    for (const m of members)
      await matrixCall(m, "POST", `/_matrix/client/v3/join/${encodeURIComponent(room)}`, {});
    rooms.push(room);
  }
  const bot = await startChild(kind, { baseUrl, token: loadBot.accessToken, rooms });
  const pid = bot.pid ?? 0;
  await sleep(1000);
  const idle = memoryOf(pid);
  await Promise.all(
    rooms.map((room, i) => roundTrip(watch, chair, room, `!startmeeting load ${String(i)}`)),
  );
  // Let the start notices (two per room) land, so the first window measures the load alone.
  await sleep(15_000);
  const afterStart = memoryOf(pid);
  const cpu = { bot: cpuSeconds(pid), synapse: cpuSeconds(synapsePid()) };
  const commands: { eventId: Promise<string>; sent: number; window: number }[] = [];
  const rss: { t: number; rss: number }[] = [];
  const began = performance.now();
  let sentCount = 0;
  const sends: Promise<unknown>[] = [];
  while (performance.now() - began < LOAD_SECONDS * 1000) {
    const due = began + (sentCount * 1000) / LOAD_RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const room = rooms[sentCount % LOAD_ROOMS] ?? "";
    const user = members[Math.floor(sentCount / LOAD_ROOMS) % members.length] ?? chair;
    const isCommand = sentCount % 5 === 0;
    const text = isCommand
      ? `!info load item ${String(sentCount)}`
      : `chatting away, message ${String(sentCount)} of the load test`;
    const sent = performance.now();
    const eventId = sendMessage(user, room, text);
    sends.push(eventId);
    if (isCommand)
      commands.push({ eventId, sent, window: Math.floor((sent - began) / 1000 / WINDOW_S) });
    if (sentCount % (LOAD_RATE * 5) === 0)
      rss.push({ t: (sent - began) / 1000, rss: memoryOf(pid).rss });
    sentCount++;
  }
  await Promise.all(sends);
  const loadSeconds = (performance.now() - began) / 1000;
  const botCpu = (100 * (cpuSeconds(pid) - cpu.bot)) / loadSeconds;
  const synapseCpu = (100 * (cpuSeconds(synapsePid()) - cpu.synapse)) / loadSeconds;
  const lags = await Promise.all(
    commands.map(async (c) => {
      const id = await c.eventId;
      const at = await Promise.race([watch.arrival(id), sleep(60_000).then(() => Number.NaN)]);
      return { window: c.window, lag: at - c.sent, id };
    }),
  );
  await sleep(3000); // let late duplicates, if any, arrive
  const duplicates = lags.filter((l) => watch.count(l.id) > 1).length;
  const missing = lags.filter((l) => Number.isNaN(l.lag)).length;
  const end = memoryOf(pid);
  process.stdout.write(
    `\n2. load, ${kind} bot: ${String(LOAD_ROOMS)} rooms with a meeting each, ${String(LOAD_RATE)} msg/s for ${String(LOAD_SECONDS)} s (${String(sentCount)} messages, ${String(commands.length)} item commands)\n`,
  );
  const windows = Math.max(...lags.map((l) => l.window)) + 1;
  for (let w = 0; w < windows; w++) {
    const inWindow = lags.filter((l) => l.window === w && !Number.isNaN(l.lag)).map((l) => l.lag);
    process.stdout.write(
      `   ${String(w * WINDOW_S).padStart(4)}–${String((w + 1) * WINDOW_S).padEnd(4)} s: ack p50 ${ms(quantile(inWindow, 0.5))}  p99 ${ms(quantile(inWindow, 0.99))}  (${String(inWindow.length)})\n`,
    );
  }
  process.stdout.write(
    `   acknowledged ${String(lags.length - missing)}/${String(lags.length)}, duplicates ${String(duplicates)}\n` +
      `   CPU during the load: the ${kind} bot ${botCpu.toFixed(0)} % of a core, Synapse ${synapseCpu.toFixed(0)} %\n` +
      `   RSS: idle ${idle.rss.toFixed(0)} MB, meetings started ${afterStart.rss.toFixed(0)} MB, ` +
      `during load ${Math.min(...rss.map((r) => r.rss)).toFixed(0)}–${Math.max(...rss.map((r) => r.rss)).toFixed(0)} MB, ` +
      `end ${end.rss.toFixed(0)} MB, peak (VmHWM) ${end.peak.toFixed(0)} MB\n` +
      `   RSS samples (s: MB): ${rss.map((r) => `${r.t.toFixed(0)}:${r.rss.toFixed(0)}`).join(" ")}\n`,
  );
  await stopChild(bot);
}

await main();
