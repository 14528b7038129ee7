/**
 * The baseline bot of `npm run bench:bot`, in its own process: a bare echo bot on the same Matrix
 * port as sigmeet's, reacting ✅ to every typed command and doing nothing else (no store, no
 * meeting). Reads its settings as JSON from argv[2]; prints `ready` when syncing. (The sigmeet bot
 * itself is measured as users run it: the built CLI.)
 */
import { openMatrixPort } from "../src/matrix/sdk-port.ts";
import { MemorySeenStore } from "../src/matrix/seen.ts";

interface Settings {
  readonly baseUrl: string;
  readonly token: string;
  readonly rooms: readonly string[];
}

const settings = JSON.parse(process.argv[2] ?? "{}") as Settings;
const port = await openMatrixPort({
  homeserverUrl: settings.baseUrl,
  env: { SIGMEET_MATRIX_TOKEN: settings.token },
  seen: new MemorySeenStore(),
  log: (line) => {
    if (/failed|could not|error/i.test(line)) process.stderr.write(`echo: ${line}\n`);
  },
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
