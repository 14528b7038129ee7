import { readFileSync } from "node:fs";
import { ConfigError } from "../config/load-config.ts";
import type { SecretSource, WebhooksConfig } from "./config-schema.ts";

export interface WebhookSecrets {
  readonly githubSecret?: string;
  readonly pagureSecret?: string;
}

/**
 * One webhook secret, from its environment variable or the first line of its file. Errors name the
 * config key and the variable or file, never the secret.
 */
function resolveSecret(
  source: SecretSource,
  key: string,
  env: Readonly<Record<string, string | undefined>>,
  readFile: (path: string) => string,
): string {
  if (source.secretEnv !== undefined) {
    const value = env[source.secretEnv]?.trim() ?? "";
    if (value === "") {
      throw new ConfigError(
        `${key}.secretEnv: environment variable ${source.secretEnv} is not set or empty`,
      );
    }
    return value;
  }
  const path = source.secretFile ?? "";
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new ConfigError(`${key}.secretFile: cannot read ${path} (${reason})`, { cause: err });
  }
  const secret = text.split("\n", 1)[0]?.trim() ?? "";
  if (secret === "") throw new ConfigError(`${key}.secretFile: ${path} is empty`);
  return secret;
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
