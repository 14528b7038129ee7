import { createHash, createPrivateKey } from "node:crypto";
import { createAppAuth } from "@octokit/auth-app";
import { isHttpError, mintedFor } from "./errors.ts";
import type { GitHubClient } from "./octokit.ts";

/**
 * A GitHub App installation. @octokit/auth-app signs a JWT (RS256, ten minutes) with the key,
 * trades it for an installation token (one hour) at POST /app/installations/{id}/access_tokens,
 * caches the token and mints the next one itself before the hour is up.
 */
export interface GitHubApp {
  readonly appId: number;
  readonly installationId: number;
  /** The app's private key, PEM (PKCS#1 as GitHub hands it out, or PKCS#8). */
  readonly privateKey: string;
}

/** How the adapter signs in: a token (personal or installation), or as a GitHub App. */
export type GitHubAuth =
  | { readonly token: string; readonly app?: never }
  | { readonly app: GitHubApp; readonly token?: never };

/**
 * What is wrong with an app's private key, or null when it is an RSA private key that auth-app can
 * sign with. The reason never quotes the key. Escaped newlines (`\n`, as in a one-line variable)
 * are read as auth-app reads them.
 */
export function privateKeyProblem(pem: string): string | null {
  try {
    const key = createPrivateKey(pem.replace(/\\n/g, "\n"));
    return key.asymmetricKeyType === "rsa"
      ? null
      : "the private key is not an RSA key (GitHub Apps sign with RSA)";
  } catch {
    return "the private key is not a PEM private key (the .pem file from the app's settings)";
  }
}

/** Octokit's constructor options for `auth`. */
export function octokitAuth(auth: GitHubAuth) {
  if (auth.app === undefined) return { auth: auth.token };
  const { appId, installationId, privateKey } = auth.app;
  return { authStrategy: createAppAuth, auth: { appId, installationId, privateKey } };
}

/**
 * The id under which plugin-throttling spaces writes: GitHub's limits are per user, or per app
 * installation. A hash, so that no credential reaches Bottleneck.
 */
export function throttleId(baseUrl: string, auth: GitHubAuth): string {
  const who =
    auth.app === undefined
      ? auth.token
      : `app ${String(auth.app.appId)} installation ${String(auth.app.installationId)}`;
  return `sigmeet-${createHash("sha256").update(`${baseUrl}\n${who}`).digest("hex").slice(0, 16)}`;
}

/**
 * What must never show in a message or a log line, to start with: the token, or the app's key and
 * each line of it (a partial echo is still a leak). The JWTs and installation tokens join the list
 * as they cross the wire (watchSecrets), so the list is kept and read live.
 */
export function initialSecrets(auth: GitHubAuth): string[] {
  if (auth.app === undefined) return [auth.token];
  const key = auth.app.privateKey;
  const lines = key
    .split(/\r?\n|\\n/)
    .map((l) => l.trim())
    .filter((l) => l.length >= 16 && !l.startsWith("-----"));
  return [key, ...lines];
}

/**
 * Adds to `secrets` every JWT sigmeet sends (`Authorization: bearer …`) and every installation
 * token GitHub answers with, before Octokit sees the answer. Watching the wire rather than
 * auth-app's state catches the renewals auth-app makes on its own.
 */
export function watchSecrets(base: typeof fetch, secrets: string[]): typeof fetch {
  return async (input, init) => {
    const bearer = /^bearer\s+(\S+)/i.exec(new Headers(init?.headers).get("authorization") ?? "");
    if (bearer?.[1] !== undefined) secrets.push(bearer[1]);
    const response = await base(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (response.ok && mintedFor(url) !== null) {
      const body: unknown = await response
        .clone()
        .json()
        .catch(() => null);
      const token = (body as { token?: unknown } | null)?.token;
      if (typeof token === "string" && token !== "") secrets.push(token);
    }
    return response;
  };
}

/**
 * A 401 with a minted token means GitHub no longer takes it (it was revoked, say); auth-app alone
 * would offer the cached token until its hour is up. So mint a fresh one and send the request
 * once more. A 401 proves nothing was done, so resending even a
 * create cannot duplicate it. A refused mint is not retried: the same key would be refused again.
 */
export function renewRefusedTokens(client: GitHubClient): void {
  client.hook.wrap("request", async (request, options) => {
    try {
      return await request(options);
    } catch (error) {
      if (!isHttpError(error) || error.status !== 401 || mintedFor(error.request?.url) !== null)
        throw error;
      await client.auth({ type: "installation", refresh: true });
      return request(options);
    }
  });
}
