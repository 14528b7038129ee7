import { createHash } from "node:crypto";
import type { MatrixPort, Notice } from "../matrix/port.ts";
import type { BotState } from "../store/bot-state.ts";

/**
 * The bot's outgoing events, each sent at most once however often the event that caused it is
 * handled (a crash between sending and recording replays it). Every reply has a key naming its
 * cause (`<event id>:ack:👍`); the key's row is written before the send and completed after it.
 * A replay finds a completed row and sends nothing; an interrupted one is resent with the same
 * transaction id, which the homeserver answers with the first event instead of posting a copy.
 */
export class Replies {
  readonly #port: MatrixPort;
  readonly #rows: BotState["replies"];
  readonly #log: (line: string) => void;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(
    port: MatrixPort,
    rows: BotState["replies"],
    log: (line: string) => void,
    sleep: (ms: number) => Promise<void> = (ms) => new Promise((done) => setTimeout(done, ms)),
  ) {
    this.#port = port;
    this.#rows = rows;
    this.#log = log;
    this.#sleep = sleep;
  }

  notice(roomId: string, key: string, notice: Notice): Promise<string | null> {
    return this.#once(roomId, key, (txnId) => this.#port.sendNotice(roomId, notice, txnId));
  }

  react(roomId: string, key: string, eventId: string, emoji: string): Promise<string | null> {
    return this.#once(roomId, key, (txnId) => this.#port.react(roomId, eventId, emoji, txnId));
  }

  async #once(
    roomId: string,
    key: string,
    send: (txnId: string) => Promise<string>,
  ): Promise<string | null> {
    const done = this.#rows.get(key);
    if (done?.eventId != null) return done.eventId;
    const { txnId } = this.#rows.begin(key, roomId, txnIdOf(key));
    // Rate limits are waited out below this (the port); what is left is the homeserver being
    // away for a moment, worth a few tries before the reply is given up and logged.
    for (let attempt = 1; ; attempt++) {
      try {
        const eventId = await send(txnId);
        this.#rows.sent(key, eventId);
        return eventId;
      } catch (error) {
        const errcode = (error as { errcode?: unknown } | null)?.errcode;
        // The same reaction twice (a reaction sent before a crash, its txn id forgotten since):
        // what was wanted is there.
        if (errcode === "M_DUPLICATE_ANNOTATION") {
          this.#rows.sent(key, "");
          return null;
        }
        const status = (error as { statusCode?: unknown } | null)?.statusCode;
        const permanent = typeof status === "number" && status >= 400 && status < 500;
        if (permanent || attempt >= 4) {
          this.#log(`matrix: could not send ${key} in ${roomId}: ${describe(error)}`);
          return null;
        }
        await this.#sleep(500 * 2 ** attempt);
      }
    }
  }
}

/** Deterministic, so even a lost row gives the same transaction id again. */
export function txnIdOf(key: string): string {
  return `sigmeet.${createHash("sha256").update(key).digest("base64url").slice(0, 32)}`;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const body = (error as { body?: unknown } | null)?.body;
  if (body !== undefined) return JSON.stringify(body);
  return typeof error === "object" && error !== null ? JSON.stringify(error) : String(error);
}
