import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DeliveryLog,
  verifyPagureSignature,
  verifySignature,
} from "../../src/webhooks/verify-signature.ts";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe("X-Hub-Signature-256", () => {
  it("accepts GitHub's documented test vector", () => {
    // docs.github.com, "Validating webhook deliveries": secret, payload and the signature GitHub sends.
    expect(
      verifySignature(
        "It's a Secret to Everybody",
        enc("Hello, World!"),
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
      ),
    ).toBe(true);
  });

  it("refuses a wrong secret, a changed body, a re-serialised body and malformed headers", () => {
    const raw = '{"action":"closed", "issue": {"number": 7}}';
    const sig = `sha256=${createHmac("sha256", "s3cret").update(raw).digest("hex")}`;
    expect(verifySignature("s3cret", enc(raw), sig)).toBe(true);
    expect(verifySignature("other", enc(raw), sig)).toBe(false);
    expect(verifySignature("s3cret", enc(raw.replace("7", "8")), sig)).toBe(false);
    expect(verifySignature("s3cret", enc(JSON.stringify(JSON.parse(raw))), sig)).toBe(false);
    for (const bad of [
      undefined,
      "",
      "sha1=abc",
      "sha256=",
      `sha256=${"z".repeat(64)}`,
      sig.slice(0, -2),
    ]) {
      expect(verifySignature("s3cret", enc(raw), bad)).toBe(false);
    }
  });
});

describe("repeated deliveries", () => {
  it("are recognised by delivery ID, within a bounded memory", () => {
    const log = new DeliveryLog(2);
    expect(log.firstTime("a")).toBe(true);
    expect(log.firstTime("a")).toBe(false);
    expect(log.firstTime("b")).toBe(true);
    expect(log.firstTime("c")).toBe(true); // "a" is forgotten now
    expect(log.firstTime("b")).toBe(false);
    expect(log.firstTime("a")).toBe(true);
  });
});

describe("X-Pagure-Signature-256", () => {
  it("is the bare hex HMAC-SHA256 of the raw body, without GitHub's prefix", () => {
    const raw = '{"i": 1, "msg": {}, "topic": "issue.edit"}';
    const hex = createHmac("sha256", "hookkey").update(raw).digest("hex");
    expect(verifyPagureSignature("hookkey", enc(raw), hex)).toBe(true);
    expect(verifyPagureSignature("hookkey", enc(raw), hex.toUpperCase())).toBe(true);
    for (const bad of [undefined, "", `sha256=${hex}`, hex.slice(1), "0".repeat(64)]) {
      expect(verifyPagureSignature("hookkey", enc(raw), bad)).toBe(false);
    }
    expect(verifyPagureSignature("other", enc(raw), hex)).toBe(false);
  });
});

describe("the delivery log's look-up", () => {
  it("answers without recording", () => {
    const log = new DeliveryLog();
    expect(log.has("a")).toBe(false);
    expect(log.has("a")).toBe(false);
    expect(log.firstTime("a")).toBe(true);
    expect(log.has("a")).toBe(true);
  });
});
