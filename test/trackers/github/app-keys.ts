import { generateKeyPairSync, type KeyObject } from "node:crypto";
import type { GitHubApp } from "../../../src/trackers/github/auth.ts";
import type { GitHubFakeApp } from "../../fakes/github-fake.ts";

/**
 * GitHub App keys for tests, made fresh in each test process (no key is ever committed). PKCS#1
 * PEM, the form GitHub's "Generate a private key" downloads.
 */
export interface TestKey {
  readonly pem: string;
  readonly publicKey: KeyObject;
}

export function testKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { pem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(), publicKey };
}

export const APP_ID = 123456;
export const INSTALLATION_ID = 789;

/** The adapter's side: the app signing with `key`. */
export function app(key: TestKey, installationId = INSTALLATION_ID): GitHubApp {
  return { appId: APP_ID, installationId, privateKey: key.pem };
}

/** The fake's side: the app as GitHub knows it, with the public half of `key`. */
export function fakeApp(key: TestKey, installationId = INSTALLATION_ID): GitHubFakeApp {
  return { id: APP_ID, installationId, publicKey: key.publicKey };
}

/** The base64 lines of a PEM: any of them in a message would be a leak of key material. */
export function keyLines(pem: string): string[] {
  return pem.split("\n").filter((line) => line !== "" && !line.startsWith("-----"));
}
