import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/config/load-config.ts";
import { ConfigSchema } from "../../../src/config/schema.ts";
import { openTrackers } from "../../../src/sync/open-trackers.ts";
import { memoryHttpCache } from "../../../src/trackers/http-cache.ts";
import { GitHubFake } from "../../fakes/github-fake.ts";
import { serveFetch, type Served } from "../../fakes/serve-fetch.ts";
import { APP_ID, fakeApp, INSTALLATION_ID, keyLines, testKey } from "./app-keys.ts";
import { item } from "./setup.ts";

// From the config to GitHub: `sigmeet sync` opens its trackers like this, with real HTTP to the
// fake on loopback, so the app's token requests must follow `baseUrl` (as for GitHub Enterprise).
const KEY = testKey();

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "sigmeet-app-")), "app.pem");
  writeFileSync(path, text);
  return path;
}

function open(app: Record<string, unknown>, env: Record<string, string>, baseUrl?: string) {
  const config = ConfigSchema.parse({
    trackers: [
      {
        type: "github",
        match: { meetings: ["eln"] },
        owner: "fedora-eln",
        repo: "eln",
        ...(baseUrl === undefined ? {} : { baseUrl }),
        app: { appId: APP_ID, installationId: INSTALLATION_ID, ...app },
        spaceWrites: false,
      },
    ],
  });
  return openTrackers(config, { env, cache: memoryHttpCache(), log: () => undefined });
}

function configError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

let served: Served | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

describe("openTrackers with a GitHub App", () => {
  it.each([
    ["a key file (read whole)", () => ({ privateKeyFile: file(`${KEY.pem}\n`) }), {}],
    [
      "a multi-line variable",
      () => ({ privateKeyEnv: "SIGMEET_APP_KEY" }),
      { SIGMEET_APP_KEY: KEY.pem },
    ],
    [
      "a one-line variable with \\n escapes",
      () => ({ privateKeyEnv: "SIGMEET_APP_KEY" }),
      { SIGMEET_APP_KEY: KEY.pem.trim().split("\n").join("\\n") },
    ],
  ])("creates an issue on GitHub at baseUrl, with %s", async (_, source, env) => {
    const fake = new GitHubFake({
      owner: "fedora-eln",
      repo: "eln",
      assignable: [],
      app: fakeApp(KEY),
    });
    served = await serveFetch(fake.fetch);
    const [opened] = open(source(), env, served.url);
    const created = await opened?.tracker.createIssue(item("from the config"));
    expect(created?.issue.number).toBe(1);
    expect(fake.calls).toEqual([
      `POST /app/installations/${String(INSTALLATION_ID)}/access_tokens`,
      "POST /repos/fedora-eln/eln/issues",
    ]);
    expect(fake.credentials[1]).toBe(`token ${fake.minted[0] ?? ""}`);
  });

  it("names the key whose PEM is missing, empty or not a key, and never quotes it", () => {
    expect(configError(() => open({ privateKeyEnv: "SIGMEET_APP_KEY" }, {}))).toBe(
      "trackers.0.app.privateKeyEnv: environment variable SIGMEET_APP_KEY is not set or empty",
    );
    const empty = file("\n\n");
    expect(configError(() => open({ privateKeyFile: empty }, {}))).toBe(
      `trackers.0.app.privateKeyFile: ${empty} is empty`,
    );
    // A key cut short (a variable that kept only its first lines) is not a key.
    const cut = keyLines(KEY.pem).slice(0, 3).join("\n");
    const broken = file(`-----BEGIN RSA PRIVATE KEY-----\n${cut}\n-----END RSA PRIVATE KEY-----\n`);
    const message = configError(() => open({ privateKeyFile: broken }, {}));
    expect(message).toBe(
      `trackers.0.app.privateKeyFile: ${broken}: the private key is not a PEM private key ` +
        "(the .pem file from the app's settings)",
    );
    for (const line of keyLines(KEY.pem)) expect(message).not.toContain(line);
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    const notRsa = ec.export({ type: "pkcs8", format: "pem" }).toString();
    expect(configError(() => open({ privateKeyEnv: "K" }, { K: notRsa }))).toBe(
      "trackers.0.app.privateKeyEnv: K: the private key is not an RSA key (GitHub Apps sign with RSA)",
    );
  });
});
