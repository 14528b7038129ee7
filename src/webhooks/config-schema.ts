import { z } from "zod";

/**
 * The `webhooks:` section of the config: where `sigmeet webhooks` listens and where each tracker's
 * webhook secret comes from. Like tracker tokens, secrets are never written in the file itself.
 */

const secretSource = z
  .strictObject({
    secretEnv: z
      .string()
      .regex(
        /^[A-Za-z_][A-Za-z0-9_]*$/,
        "expected an environment variable name, e.g. SIGMEET_GITHUB_WEBHOOK_SECRET",
      )
      .optional()
      .describe("environment variable holding the webhook secret"),
    secretFile: z
      .string()
      .min(1)
      .optional()
      .describe("file holding the webhook secret (first line)"),
  })
  .refine((s) => (s.secretEnv === undefined) !== (s.secretFile === undefined), {
    message: "give exactly one of secretEnv or secretFile",
    path: ["secretEnv"],
  });
export type SecretSource = z.infer<typeof secretSource>;

export const WebhooksSchema = z
  .strictObject({
    /** Loopback by default: a TLS reverse proxy is expected in front. */
    host: z.string().min(1).default("127.0.0.1"),
    port: z.int().min(1).max(65535).default(8088),
    /** The secret set on the repository's GitHub webhook; without it, no GitHub route. */
    github: secretSource.optional(),
    /** The Pagure project's "web-hook key"; without it, no Pagure route. */
    pagure: secretSource.optional(),
  })
  .prefault({});
export type WebhooksConfig = z.infer<typeof WebhooksSchema>;
