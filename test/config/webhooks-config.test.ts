import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, defaultConfig, loadConfig } from "../../src/config/load-config.ts";
import { resolveWebhookSecrets } from "../../src/webhooks/resolve-secrets.ts";

function withFile(text: string, name = "sigmeet.yaml"): string {
  const file = join(mkdtempSync(join(tmpdir(), "sigmeet-webhooks-")), name);
  writeFileSync(file, text);
  return file;
}

function errorOf(yaml: string): string {
  try {
    loadConfig(withFile(yaml));
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected the config to be refused");
}

const both = `webhooks:
  port: 9000
  github: { secretEnv: SIGMEET_GITHUB_WEBHOOK_SECRET }
  pagure: { secretFile: /run/secrets/pagure-fesco-hook }
`;

describe("webhooks configuration", () => {
  it("listens on loopback:8088 with no tracker routes by default", () => {
    expect(defaultConfig().webhooks).toEqual({ host: "127.0.0.1", port: 8088 });
    expect(loadConfig(withFile("db: x.db\n")).webhooks).toEqual({ host: "127.0.0.1", port: 8088 });
  });

  it("reads the listen address and each secret's source", () => {
    expect(loadConfig(withFile(both)).webhooks).toEqual({
      host: "127.0.0.1",
      port: 9000,
      github: { secretEnv: "SIGMEET_GITHUB_WEBHOOK_SECRET" },
      pagure: { secretFile: "/run/secrets/pagure-fesco-hook" },
    });
  });

  it.each([
    ["webhooks: { port: 0 }\n", "webhooks.port"],
    ["webhooks: { port: 65536 }\n", "webhooks.port"],
    ["webhooks: { port: 80.5 }\n", "webhooks.port"],
    ["webhooks: { host: '' }\n", "webhooks.host"],
    [
      "webhooks: { github: {} }\n",
      "webhooks.github.secretEnv: give exactly one of secretEnv or secretFile",
    ],
    [
      "webhooks: { pagure: { secretEnv: A, secretFile: /x } }\n",
      "webhooks.pagure.secretEnv: give exactly one of secretEnv or secretFile",
    ],
    [
      "webhooks: { github: { secretEnv: 'my secret' } }\n",
      "webhooks.github.secretEnv: expected an environment variable name",
    ],
    // A secret written into the file itself is refused: the key does not exist.
    ["webhooks: { github: { secret: hunter2 } }\n", "webhooks.github"],
    ["webhooks: { gitlab: { secretEnv: X } }\n", "webhooks"],
  ])("refuses a bad setting and names its key (%#)", (yaml, key) => {
    expect(errorOf(yaml)).toContain(key);
  });

  it("never echoes a secret-looking value it refuses", () => {
    const message = errorOf("webhooks: { github: { secretEnv: 'whsec 0123456789abcdef' } }\n");
    expect(message).not.toContain("0123456789abcdef");
  });
});

describe("webhook secrets", () => {
  const config = loadConfig(withFile(both)).webhooks;

  it("come from the named variable and the first line of the named file", () => {
    const file = withFile("pagure-hook-key\nignored\n", "hook");
    const fromFile = { ...config, pagure: { secretFile: file } };
    expect(
      resolveWebhookSecrets(fromFile, { SIGMEET_GITHUB_WEBHOOK_SECRET: " gh-secret \n" }),
    ).toEqual({ githubSecret: "gh-secret", pagureSecret: "pagure-hook-key" });
  });

  it("are absent for trackers without a section", () => {
    expect(resolveWebhookSecrets(defaultConfig().webhooks, {})).toEqual({});
  });

  it("say which key, variable or file is at fault, without any value", () => {
    expect(() => resolveWebhookSecrets(config, { SIGMEET_GITHUB_WEBHOOK_SECRET: "  " })).toThrow(
      "webhooks.github.secretEnv: environment variable SIGMEET_GITHUB_WEBHOOK_SECRET is not set or empty",
    );
    const env = { SIGMEET_GITHUB_WEBHOOK_SECRET: "gh-secret" };
    expect(() => resolveWebhookSecrets(config, env, () => "\n")).toThrow(
      "webhooks.pagure.secretFile: /run/secrets/pagure-fesco-hook is empty",
    );
    expect(() => resolveWebhookSecrets(config, env)).toThrow(
      "webhooks.pagure.secretFile: cannot read /run/secrets/pagure-fesco-hook (ENOENT)",
    );
    try {
      resolveWebhookSecrets(config, env, () => "\n");
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).not.toContain("gh-secret");
    }
  });
});
