import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, defaultConfig, loadConfig } from "../../src/config/load-config.ts";
import { readSecret } from "../../src/config/read-secret.ts";
import { resolveToken } from "../../src/config/resolve-token.ts";

const example = resolve(import.meta.dirname, "../../config/sigmeet.example.yaml");

function withConfig(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "sigmeet-config-")), "sigmeet.yaml");
  writeFileSync(file, yaml);
  return file;
}

function errorOf(yaml: string): string {
  try {
    loadConfig(withConfig(yaml));
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error("expected the config to be refused");
}

const github = `trackers:
  - type: github
    match: { meetings: [eln] }
    owner: fedora-eln
    repo: eln
    tokenEnv: SIGMEET_GITHUB_TOKEN
`;

describe("configuration", () => {
  it("has working defaults without a file", () => {
    const c = defaultConfig();
    expect(c.trackers).toEqual([]);
    expect(c.sync).toEqual({ decisions: "comment", budget: { perMinute: 60, perHour: 400 } });
    expect(c.urls.logLine).toBe("{base}/{channel}/{date}/{stem}.log.html#l-{line}");
  });

  it("reads the documented example", () => {
    const c = loadConfig(example);
    expect(c.trackers.map((t) => t.type)).toEqual(["github", "pagure"]);
    const [gh, pagure] = c.trackers;
    expect(gh).toMatchObject({
      owner: "fedora-eln",
      repo: "eln",
      baseUrl: "https://api.github.com",
    });
    expect(gh?.labels).toEqual({ action: ["meeting-action"], decision: ["decision"] });
    expect(pagure).toMatchObject({
      project: "fesco",
      closeStatus: "Fixed",
      tokenFile: "/run/secrets/pagure-fesco-token",
    });
    expect(c.accounts["sgallagh"]).toEqual({ github: "sgallagh", pagure: "sgallagh" });
    expect(c.identities["@sgallagh:fedora.im"]).toBe("sgallagh");
    expect(c.matrix).toEqual({
      homeserverUrl: "https://fedora.ems.host",
      tokenEnv: "SIGMEET_MATRIX_TOKEN",
      rooms: ["#eln:fedoraproject.org"],
      chairPowerLevel: 50,
      minutesDir: "minutes",
      syncAfterMeeting: true,
    });
  });

  it("fills the bot's defaults and names a bad matrix key", () => {
    const c = loadConfig(
      withConfig("matrix:\n  homeserverUrl: https://hs.example\n  rooms: ['!abc:hs.example']\n"),
    );
    expect(c.matrix?.chairPowerLevel).toBe(50);
    expect(c.matrix?.tokenEnv).toBe("SIGMEET_MATRIX_TOKEN");
    expect(defaultConfig().matrix).toBeUndefined();
    expect(errorOf("matrix:\n  homeserverUrl: https://hs.example\n  rooms: [eln]\n")).toMatch(
      /matrix\.rooms\.0.*room ID \(!id or !id:server\) or alias/,
    );
    expect(errorOf("matrix:\n  homeserverUrl: https://hs.example\n  rooms: []\n")).toMatch(
      /matrix\.rooms/,
    );
    expect(
      errorOf("matrix:\n  homeserverUrl: https://hs.example\n  rooms: ['#a:b']\n  token: x\n"),
    ).toMatch(/matrix.*token/);
    expect(
      errorOf(
        "matrix:\n  homeserverUrl: https://hs.example\n  rooms: ['#a:b']\n  chairPowerLevel: -1\n",
      ),
    ).toMatch(/matrix\.chairPowerLevel/);
  });

  it("fills in a tracker's defaults", () => {
    const c = loadConfig(withConfig(github));
    expect(c.trackers[0]).toMatchObject({
      baseUrl: "https://api.github.com",
      labels: { action: ["meeting-action"] },
    });
  });

  it.each([
    [github.replace("type: github", "type: gitlab"), "trackers.0.type"],
    [
      github.replace("    tokenEnv: SIGMEET_GITHUB_TOKEN\n", ""),
      "trackers.0.tokenEnv: give exactly one of tokenEnv or tokenFile",
    ],
    [
      `${github}    tokenFile: /x\n`,
      "trackers.0.tokenEnv: give exactly one of tokenEnv or tokenFile",
    ],
    [
      github.replace("tokenEnv: SIGMEET_GITHUB_TOKEN", "tokenEnv: ghp_secret value"),
      "trackers.0.tokenEnv: expected an environment variable name",
    ],
    [github.replace("owner: fedora-eln", "owner: fedora eln"), "trackers.0.owner"],
    [
      github.replace("match: { meetings: [eln] }", "match: {}"),
      "trackers.0.match: name at least one room or meeting",
    ],
    [github.replace("    repo: eln\n", "    repo: eln\n    colour: red\n"), "trackers.0"],
    ["sync: { budget: { perMinute: 0 } }\n", "sync.budget.perMinute"],
    ["sync: { budget: { perHour: 1.5 } }\n", "sync.budget.perHour"],
    [
      github.replace("    repo: eln\n", "    repo: eln\n    since: last year\n"),
      "trackers.0.since",
    ],
    ["sync: { decisions: maybe }\n", "sync.decisions"],
    ["accounts: { sgallagh: { gitlab: x } }\n", "accounts.sgallagh"],
  ])("refuses a bad setting and names its key (%#)", (yaml, key) => {
    expect(errorOf(yaml)).toContain(key);
  });

  it("never echoes a token-looking value it refuses", () => {
    const message = errorOf(
      github.replace("tokenEnv: SIGMEET_GITHUB_TOKEN", "tokenEnv: ghp_abcdefghijklmnop0123 x"),
    );
    expect(message).not.toContain("ghp_abcdefghijklmnop0123");
  });
});

describe("tracker tokens", () => {
  const [tracker] = loadConfig(withConfig(github)).trackers;

  it("come from the named environment variable", () => {
    expect(resolveToken(tracker!, 0, { SIGMEET_GITHUB_TOKEN: " t0ken \n" })).toBe("t0ken");
  });

  it("say which key and variable is missing, without any value", () => {
    expect(() => resolveToken(tracker!, 0, {})).toThrow(
      "trackers.0.tokenEnv: environment variable SIGMEET_GITHUB_TOKEN is not set or empty",
    );
  });

  it("come from the first line of a token file", () => {
    const file = withConfig("");
    writeFileSync(file, "secret-from-file\nignored\n");
    const fromFile = { ...tracker!, tokenEnv: undefined, tokenFile: file };
    expect(resolveToken(fromFile, 3, {})).toBe("secret-from-file");
    writeFileSync(file, "\n");
    expect(() => resolveToken(fromFile, 3, {})).toThrow(`trackers.3.tokenFile: ${file} is empty`);
    expect(() => resolveToken({ ...fromFile, tokenFile: "/nonexistent/token" }, 3, {})).toThrow(
      "trackers.3.tokenFile: cannot read /nonexistent/token (ENOENT)",
    );
  });
});

describe("GitHub App credentials", () => {
  const app = (fields: string) =>
    github.replace("    tokenEnv: SIGMEET_GITHUB_TOKEN\n", `    app: { ${fields} }\n`);
  const complete = "appId: 123456, installationId: 789, privateKeyFile: /run/secrets/app.pem";

  it("take an app instead of a token", () => {
    const [tracker] = loadConfig(withConfig(app(complete))).trackers;
    expect(tracker).toMatchObject({
      app: { appId: 123456, installationId: 789, privateKeyFile: "/run/secrets/app.pem" },
    });
    expect(tracker?.tokenEnv).toBeUndefined();
  });

  it.each([
    [
      app(`${complete}, privateKeyEnv: SIGMEET_APP_KEY`),
      "trackers.0.app.privateKeyEnv: give exactly one of privateKeyEnv or privateKeyFile",
    ],
    [
      app("appId: 123456, installationId: 789"),
      "trackers.0.app.privateKeyEnv: give exactly one of privateKeyEnv or privateKeyFile",
    ],
    [
      `${app(complete)}    tokenEnv: SIGMEET_GITHUB_TOKEN\n`,
      "trackers.0.app: give either app or a token (tokenEnv or tokenFile), not both",
    ],
    [app("appId: 123456, privateKeyFile: /k"), "trackers.0.app.installationId"],
    [app("appId: 0, installationId: 789, privateKeyFile: /k"), "trackers.0.app.appId"],
    [app(`${complete}, privateKey: "-----BEGIN"`), "trackers.0.app"],
    [
      github.replace("    tokenEnv: SIGMEET_GITHUB_TOKEN\n", ""),
      "trackers.0.tokenEnv: give exactly one of tokenEnv or tokenFile, or an app",
    ],
  ])("refuse a bad app and name its key (%#)", (yaml, key) => {
    expect(errorOf(yaml)).toContain(key);
  });

  it("are for GitHub only: a Pagure tracker keeps tokens", () => {
    const pagure = `trackers:
  - type: pagure
    match: { meetings: [fesco] }
    project: fesco
    app: { ${complete} }
`;
    expect(errorOf(pagure)).toContain("trackers.0");
    expect(errorOf(pagure)).toContain("give exactly one of tokenEnv or tokenFile");
  });

  it("read a key file whole, every line kept", () => {
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nAAAA\nBBBB\n-----END RSA PRIVATE KEY-----";
    const path = withConfig(`${pem}\n`);
    const keys = { env: "k.privateKeyEnv", file: "k.privateKeyFile" };
    const read = (p: string) => readFileSync(p, "utf8");
    expect(readSecret({ file: path }, keys, {}, read, { whole: true })).toBe(pem);
    expect(readSecret({ env: "K" }, keys, { K: `\n${pem}\n` }, read, { whole: true })).toBe(pem);
    expect(readSecret({ file: path }, keys, {}, read)).toBe("-----BEGIN RSA PRIVATE KEY-----");
  });
});
