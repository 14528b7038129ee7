import { sign, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GitHubFake, type GitHubFakeOptions } from "../../fakes/github-fake.ts";
import { APP_ID, fakeApp, INSTALLATION_ID, testKey } from "./app-keys.ts";

// The app tests of the adapter are only worth what the fake checks: these pin that it refuses
// what GitHub refuses (a JWT with the wrong key, app or times; an unknown or dead token).
const KEY = testKey();
const OTHER_KEY = testKey();
const API = "https://api.github.com";
const MINT = `${API}/app/installations/${String(INSTALLATION_ID)}/access_tokens`;
const ISSUES = `${API}/repos/fedora-eln/eln/issues`;

function fake(options: Partial<GitHubFakeOptions> = {}) {
  return new GitHubFake({ owner: "fedora-eln", repo: "eln", assignable: [], ...options });
}

/** A JWT as a GitHub App signs it (RS256), with any claims. */
function jwt(key: KeyObject | string, claims: Record<string, unknown>, alg = "RS256"): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const signed = `${part({ alg, typ: "JWT" })}.${part(claims)}`;
  return `${signed}.${sign("sha256", Buffer.from(signed), key).toString("base64url")}`;
}

const now = () => Math.floor(Date.now() / 1000);
const good = () => ({ iat: now() - 30, exp: now() + 570, iss: APP_ID });

async function call(f: GitHubFake, method: string, url: string, authorization?: string) {
  const headers: Record<string, string> =
    authorization === undefined ? {} : { authorization: authorization };
  const response = await f.fetch(url, { method, headers });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("GitHub fake: credentials", () => {
  it("takes anything by default, only known tokens when given some", async () => {
    expect((await call(fake(), "GET", ISSUES)).status).toBe(200);
    const strict = fake({ tokens: ["ghp_known"] });
    expect(await call(strict, "GET", ISSUES)).toEqual({
      status: 401,
      body: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" },
    });
    expect((await call(strict, "GET", ISSUES, "token ghp_other")).status).toBe(401);
    expect((await call(strict, "GET", ISSUES, "token ghp_known")).status).toBe(200);
  });

  it("mints an installation token for a JWT signed by the app's key; the token then works", async () => {
    const f = fake({ app: fakeApp(KEY) });
    expect((await call(f, "GET", ISSUES)).status).toBe(401);
    const minted = await call(f, "POST", MINT, `Bearer ${jwt(KEY.pem, good())}`);
    expect(minted.status).toBe(201);
    const token = String(minted.body["token"]);
    expect(f.minted).toEqual([token]);
    const expires = Date.parse(String(minted.body["expires_at"]));
    expect(expires - Date.now()).toBeGreaterThan(3590_000);
    expect((await call(f, "GET", ISSUES, `token ${token}`)).status).toBe(200);
    f.revokeTokens();
    expect((await call(f, "GET", ISSUES, `token ${token}`)).status).toBe(401);
  });

  it("lets a minted token die after its lifetime", async () => {
    const f = fake({ app: fakeApp(KEY), tokenLifetimeS: 0 });
    const minted = await call(f, "POST", MINT, `Bearer ${jwt(KEY.pem, good())}`);
    expect((await call(f, "GET", ISSUES, `token ${String(minted.body["token"])}`)).status).toBe(
      401,
    );
  });

  const undecodable = "A JSON web token could not be decoded";
  it.each([
    ["no credentials", undefined, undecodable],
    ["a token instead of a JWT", "token ghp_known", undecodable],
    ["another key", `Bearer ${jwt(OTHER_KEY.pem, good())}`, undecodable],
    ["another app", `Bearer ${jwt(KEY.pem, { ...good(), iss: APP_ID + 1 })}`, undecodable],
    ["another algorithm", `Bearer ${jwt(KEY.pem, good(), "none")}`, undecodable],
    [
      "an expired JWT",
      `Bearer ${jwt(KEY.pem, { ...good(), iat: now() - 700, exp: now() - 10 })}`,
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    ],
    [
      "a JWT for longer than ten minutes",
      `Bearer ${jwt(KEY.pem, { ...good(), exp: now() + 3600 })}`,
      "'Expiration time' claim ('exp') is too far in the future",
    ],
    [
      "a JWT issued in the future",
      `Bearer ${jwt(KEY.pem, { ...good(), iat: now() + 300 })}`,
      "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
    ],
  ])("refuses a mint with %s", async (_, authorization, message) => {
    const f = fake({ app: fakeApp(KEY) });
    expect(await call(f, "POST", MINT, authorization)).toEqual({
      status: 401,
      body: { message, documentation_url: "https://docs.github.com/rest" },
    });
    expect(f.minted).toEqual([]);
  });

  it("knows no other installation, and no app unless given one", async () => {
    const auth = `Bearer ${jwt(KEY.pem, good())}`;
    const other = MINT.replace(String(INSTALLATION_ID), String(INSTALLATION_ID + 1));
    expect((await call(fake({ app: fakeApp(KEY) }), "POST", other, auth)).status).toBe(404);
    expect((await call(fake(), "POST", MINT, auth)).status).toBe(404);
  });
});
