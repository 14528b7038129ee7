import { afterEach, describe, expect, it, vi } from "vitest";
import { throttleId } from "../../../src/trackers/github/auth.ts";
import { createGitHubTracker } from "../../../src/trackers/github/github-tracker.ts";
import { GitHubFake } from "../../fakes/github-fake.ts";
import { app, fakeApp, INSTALLATION_ID, keyLines, testKey } from "./app-keys.ts";
import { count, failure, item, REPO, setup, TOKEN } from "./setup.ts";

const KEY = testKey();
const OTHER_KEY = testKey();
const MINT = `POST /app/installations/${String(INSTALLATION_ID)}/access_tokens`;

/** A tracker signing in as the app with `key`, on a fake that knows the app by KEY. */
function appSetup(key = KEY, installationId = INSTALLATION_ID, known = INSTALLATION_ID) {
  return setup({ app: app(key, installationId), fake: { app: fakeApp(KEY, known) } });
}

/**
 * For a test that moves Date.now(): an installation of its own. plugin-throttling keeps one
 * Bottleneck per throttle id for the whole process, timed by Date.now(), so a clock moved an hour
 * ahead and back would hold up the next test on the same installation for that hour.
 */
let nextInstallation = 9000;
function ownInstallation() {
  const id = ++nextInstallation;
  return { ...appSetup(KEY, id, id), mint: `POST /app/installations/${String(id)}/access_tokens` };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("GitHub adapter as a GitHub App", () => {
  it("mints an installation token with a signed JWT, then creates the issue with it", async () => {
    const { fake, tracker } = appSetup();
    const created = await tracker.createIssue(item("as the app", { assignees: ["sgallagh"] }));
    expect(created.issue.number).toBe(1);
    expect(fake.issues).toHaveLength(1);
    expect(fake.calls).toEqual([MINT, `GET ${REPO}/assignees/sgallagh`, `POST ${REPO}/issues`]);
    expect(fake.minted).toHaveLength(1);
    expect(fake.credentials[0]).toMatch(/^bearer [\w-]+\.[\w-]+\.[\w-]+$/i);
    expect(fake.credentials.slice(1)).toEqual([
      `token ${fake.minted[0] ?? ""}`,
      `token ${fake.minted[0] ?? ""}`,
    ]);
  });

  it("with writes spaced (the default), a create's mint does not queue behind the create", async () => {
    // plugin-throttling lets one write through at a time; the mint inside a create is a POST too,
    // and would wait forever for the create it is part of, were it not exempt as an auth call.
    const id = INSTALLATION_ID + 100;
    const { fake, tracker } = setup({
      app: app(KEY, id),
      fake: { app: fakeApp(KEY, id) },
      pacing: { spaceWrites: true },
    });
    const started = performance.now();
    await tracker.createIssue(item("spaced"));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(fake.issues).toHaveLength(1);
  });

  it("reuses the cached installation token for later calls", async () => {
    const { fake, tracker } = appSetup();
    await tracker.createIssue(item("first"));
    await tracker.comment(1, "Decided: yes");
    await tracker.createIssue(item("second"));
    expect((await tracker.listIssues({})).issues).toHaveLength(2);
    expect(count(fake, MINT)).toBe(1);
    expect(new Set(fake.credentials.slice(1))).toEqual(new Set([`token ${fake.minted[0] ?? ""}`]));
  });

  it("mints a fresh token when the hour is up (auth-app keeps one for 59 minutes)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { fake, tracker, mint } = ownInstallation();
    await tracker.createIssue(item("before"));
    // The fake's tokens live an hour by Date.now(): reusing the first one now would be a 401.
    vi.setSystemTime(Date.now() + 3600 * 1000 + 1000);
    await tracker.createIssue(item("after"));
    expect(count(fake, mint)).toBe(2);
    expect(fake.credentials.at(-1)).toBe(`token ${fake.minted[1] ?? ""}`);
    expect(fake.answers.filter((a) => a.status === 401)).toEqual([]);
  });

  it("a revoked token: mints a fresh one and sends the call once more, no duplicate", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { fake, tracker, mint } = ownInstallation();
    await tracker.createIssue(item("first"));
    fake.revokeTokens();
    // Past auth-app's own 5-second allowance for a new token to reach every GitHub server.
    vi.setSystemTime(Date.now() + 10_000);
    await tracker.createIssue(item("second"));
    expect(fake.issues.map((i) => i.title)).toEqual(["first", "second"]);
    expect(fake.calls).toEqual([
      mint,
      `POST ${REPO}/issues`,
      `POST ${REPO}/issues`,
      mint,
      `POST ${REPO}/issues`,
    ]);
    expect(fake.answers.map((a) => a.status)).toEqual([201, 201, 401, 201, 201]);
    expect(fake.credentials.at(-1)).toBe(`token ${fake.minted[1] ?? ""}`);
  });

  it.each([
    [
      "a key GitHub does not know",
      OTHER_KEY,
      INSTALLATION_ID,
      "401 A JSON web token could not be decoded",
    ],
    ["an installation that is not there", KEY, INSTALLATION_ID + 1, "404 Not Found"],
  ])("%s: rejected, naming the app's authentication, nothing sent", async (_, key, id, said) => {
    const { fake, tracker, lines } = appSetup(key, id);
    const error = await failure(tracker.createIssue(item("never")));
    expect(error.outcome).toBe("rejected");
    expect(error.message).toBe(
      "creating an issue in fedora-eln/eln: GitHub App authentication failed " +
        `(installation token for installation ${String(id)}): ${said}`,
    );
    expect(fake.calls).toEqual([`POST /app/installations/${String(id)}/access_tokens`]);
    for (const line of [...keyLines(KEY.pem), ...keyLines(OTHER_KEY.pem)]) {
      expect(error.message).not.toContain(line);
      expect(lines.join("\n")).not.toContain(line);
    }
  });

  it("a create whose mint fails with a 502 was never sent: retry-later, not unknown", async () => {
    const { fake, tracker } = appSetup();
    // The mint itself is retried like any call (a second token is harmless), three times.
    fake.injectFault(/access_tokens$/, "bad-gateway", { times: 4 });
    const error = await failure(tracker.createIssue(item("never")));
    expect([error.outcome, error.status]).toEqual(["retry-later", 502]);
    expect(error.message).toContain("GitHub App authentication failed");
    expect(fake.calls).toEqual([MINT, MINT, MINT, MINT]);
  });

  it.each([
    [
      "the JWT",
      /access_tokens$/,
      "GitHub App authentication failed (installation token for installation 789): 403 Refused bearer [redacted]",
    ],
    ["a minted token", /\/issues$/, "403 Refused token [redacted]"],
  ])("never shows %s, even when GitHub echoes it", async (_, refuse, said) => {
    const fake = new GitHubFake({
      owner: "fedora-eln",
      repo: "eln",
      assignable: [],
      app: fakeApp(KEY),
    });
    const echoed: string[] = [];
    // A GitHub that quotes the credentials it was given back in its error message.
    const echoing: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (!refuse.test(new URL(request.url).pathname)) return fake.fetch(request);
      const auth = request.headers.get("authorization") ?? "";
      echoed.push(auth.replace(/^\S+\s+/, ""));
      return Response.json({ message: `Refused ${auth}` }, { status: 403 });
    };
    const lines: string[] = [];
    const tracker = createGitHubTracker({
      owner: "fedora-eln",
      repo: "eln",
      app: app(KEY),
      fetch: echoing,
      pacing: { spaceWrites: false },
      log: (line) => lines.push(line),
    });
    const error = await failure(tracker.createIssue(item("x")));
    expect(error.message).toBe(`creating an issue in fedora-eln/eln: ${said}`);
    expect(echoed).toHaveLength(1);
    expect(echoed[0]?.length).toBeGreaterThan(30);
    expect(error.message + lines.join("\n")).not.toContain(echoed[0]);
  });

  it("refuses a key that is not an RSA private key at once, without quoting it", () => {
    const bad =
      "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END RSA PRIVATE KEY-----";
    expect(() =>
      createGitHubTracker({
        owner: "fedora-eln",
        repo: "eln",
        app: { appId: 1, installationId: 2, privateKey: bad },
      }),
    ).toThrow(
      /^GitHub App 1: the private key is not a PEM private key \(the \.pem file from the app's settings\)$/,
    );
  });

  it("spaces writes per installation, under an id that holds no credential", () => {
    const base = "https://api.github.com";
    const id = throttleId(base, { app: app(KEY) });
    expect(throttleId(base, { app: app(OTHER_KEY) })).toBe(id); // same installation, new key
    expect(throttleId(base, { app: app(KEY, INSTALLATION_ID + 1) })).not.toBe(id);
    expect(throttleId("https://ghe.example/api/v3", { app: app(KEY) })).not.toBe(id);
    expect(throttleId(base, { token: TOKEN })).not.toBe(id);
    expect(id).toMatch(/^sigmeet-[0-9a-f]{16}$/);
  });
});
