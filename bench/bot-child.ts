/**
 * The baseline bot of `npm run bench:bot`, in its own process: `echo` (the same Matrix port as
 * sigmeet's, reacting ✅ to every typed command and doing nothing else). Reads its settings as JSON
 * from argv[3]; prints `ready` when syncing. (`sigmeet` runs the real bot in-process from the
 * sources; the benchmark itself runs the built CLI instead, as users do.)
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startBot } from "../src/bot/start-bot.ts";
import { ConfigSchema } from "../src/config/schema.ts";
import { openMatrixPort } from "../src/matrix/sdk-port.ts";
import { MemorySeenStore } from "../src/matrix/seen.ts";
import { openStore } from "../src/store/open-store.ts";

interface Settings {
  readonly baseUrl: string;
  readonly token: string;
  readonly rooms: readonly string[];
}

const kind = process.argv[2];
const settings = JSON.parse(process.argv[3] ?? "{}") as Settings;
const log = (line: string): void => {
  if (/failed|could not|error/i.test(line)) process.stderr.write(`${String(kind)}: ${line}\n`);
};
const env = { SIGMEET_MATRIX_TOKEN: settings.token };

if (kind === "sigmeet") {
  const dir = mkdtempSync(join(tmpdir(), "sigmeet-bench-bot-"));
  const config = ConfigSchema.parse({
    db: join(dir, "bot.db"),
    matrix: {
      homeserverUrl: settings.baseUrl,
      rooms: settings.rooms,
      minutesDir: join(dir, "minutes"),
    },
  });
  const store = openStore(config.db);
  const running = await startBot({ config, store, env, log, syncTimeoutMs: 10_000 });
  process.stdout.write("ready\n");
  process.once("SIGTERM", () => {
    void running.stop().then(() => {
      store.close();
      process.exit(0);
    });
  });
} else if (kind === "echo") {
  const port = await openMatrixPort({
    homeserverUrl: settings.baseUrl,
    env,
    seen: new MemorySeenStore(),
    log,
    syncTimeoutMs: 10_000,
  });
  const { userId } = await port.whoAmI();
  for (const room of settings.rooms) await port.joinRoom(room);
  await port.start({
    event: async (roomId, event) => {
      if (event.type !== "m.room.message" || event.sender === userId) return;
      if (event.content["msgtype"] !== "m.text") return;
      const body = event.content["body"];
      if (typeof body !== "string" || !/^[!#]/.test(body)) return;
      await port.react(roomId, event.event_id, "✅");
    },
    allowInvite: () => true,
  });
  process.stdout.write("ready\n");
  process.once("SIGTERM", () => {
    void port.stop().then(() => process.exit(0));
  });
} else {
  process.stderr.write("usage: node bench/bot-child.ts sigmeet|echo SETTINGS_JSON\n");
  process.exit(2);
}
