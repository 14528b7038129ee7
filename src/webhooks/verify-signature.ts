import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Checks GitHub's `X-Hub-Signature-256` header (`sha256=<hex HMAC of the raw body>`) in constant
 * time. The HMAC is over the bytes GitHub sent: verify before parsing, never over re-serialised
 * JSON (whitespace and key order would differ). Groundwork for `sigmeet webhooks`.
 */
export function verifySignature(
  secret: string,
  rawBody: Uint8Array,
  header: string | undefined,
): boolean {
  if (header === undefined || !header.startsWith("sha256=")) return false;
  const given = header.slice("sha256=".length);
  if (!/^[0-9a-f]{64}$/i.test(given)) return false;
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(given, "hex"));
}

/**
 * Remembers delivery IDs (`X-GitHub-Delivery`) so that a redelivered event is acted on once. Bounded:
 * the oldest IDs are forgotten first (the durable record of what was applied lives in the store).
 */
export class DeliveryLog {
  private readonly seen = new Set<string>();
  private readonly limit: number;

  constructor(limit = 10_000) {
    this.limit = limit;
  }

  /** True the first time an ID is offered, false for a repeat. */
  firstTime(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.limit) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}
