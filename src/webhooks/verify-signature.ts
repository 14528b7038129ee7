import { createHmac, timingSafeEqual } from "node:crypto";

/** True if `hex` is the HMAC-SHA256 of `rawBody` under `secret`, compared in constant time. */
function hmacMatches(secret: string, rawBody: Uint8Array, hex: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return false;
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(hex, "hex"));
}

/**
 * Checks GitHub's `X-Hub-Signature-256` header (`sha256=<hex HMAC of the raw body>`) in constant
 * time. The HMAC is over the bytes GitHub sent: verify before parsing, never over re-serialised
 * JSON (whitespace and key order would differ).
 */
export function verifySignature(
  secret: string,
  rawBody: Uint8Array,
  header: string | undefined,
): boolean {
  if (header === undefined || !header.startsWith("sha256=")) return false;
  return hmacMatches(secret, rawBody, header.slice("sha256=".length));
}

/**
 * Checks Pagure's `X-Pagure-Signature-256` header: the bare hex HMAC-SHA256 of the raw body under
 * the project's web-hook key (no `sha256=` prefix). The SHA-1 `X-Pagure-Signature` is not accepted.
 */
export function verifyPagureSignature(
  secret: string,
  rawBody: Uint8Array,
  header: string | undefined,
): boolean {
  return header !== undefined && hmacMatches(secret, rawBody, header);
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

  /** Whether an ID was recorded, without recording it. */
  has(id: string): boolean {
    return this.seen.has(id);
  }

  /** True the first time an ID is offered, false for a repeat. Records the ID. */
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
