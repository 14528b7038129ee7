import { readFileSync } from "node:fs";
import { readSecret } from "../config/read-secret.ts";
import type { SecretSource, WebhooksConfig } from "./config-schema.ts";

export interface WebhookSecrets {
  readonly githubSecret?: string;
  readonly pagureSecret?: string;
}

/** One webhook secret, from its environment variable or the first line of its file. */
function resolveSecret(
  source: SecretSource,
  key: string,
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string,
): string {
  return readSecret(
    { env: source.secretEnv, file: source.secretFile },
    { env: `${key}.secretEnv`, file: `${key}.secretFile` },
    env,
    readFile,
  );
}

/**
 * The secrets of the trackers configured under `webhooks:`, ready for startWebhookServer. A
 * tracker without a section gets no route; one whose secret is missing or empty is an error, so
 * that the server never starts accepting deliveries it cannot verify.
 */
export function resolveWebhookSecrets(
  config: WebhooksConfig,
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string = (path) => readFileSync(path, "utf8"),
): WebhookSecrets {
  return {
    ...(config.github && {
      githubSecret: resolveSecret(config.github, "webhooks.github", env, readFile),
    }),
    ...(config.pagure && {
      pagureSecret: resolveSecret(config.pagure, "webhooks.pagure", env, readFile),
    }),
  };
}
