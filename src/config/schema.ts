import { z } from "zod";
import { WebhooksSchema } from "../webhooks/config-schema.ts";
import { MatrixSchema } from "./matrix-schema.ts";
import { AccountsSchema, SyncSchema, TrackerSchema, UrlsSchema } from "./tracker-schema.ts";

/**
 * The one definition of sigmeet's YAML configuration. Unknown keys are errors (a typo must not be
 * silently ignored).
 */
export const ConfigSchema = z.strictObject({
  /** Identity map: nick or Matrix ID → canonical person (Fedora account). */
  identities: z
    .record(z.string().min(1), z.string().min(1))
    .default({})
    .describe("Nick or Matrix ID → Fedora account, e.g. '@sgallagh:fedora.im': sgallagh"),
  /** Senders that are meeting bots: counted as attendees, never commands. */
  bots: z.array(z.string().min(1)).default(["zodbot", "@meetbot:fedora.im"]),
  /** Where the minutes and logs are published; used in minutes links. */
  logUrlBase: z.url().default("https://meetbot.fedoraproject.org"),
  /** SQLite database file. */
  db: z.string().min(1).default("sigmeet.db"),
  /** Issue trackers that action items and decisions are synced to, each for some rooms/meetings. */
  trackers: z.array(TrackerSchema).default([]),
  /** Fedora account → tracker logins. */
  accounts: AccountsSchema,
  sync: SyncSchema,
  urls: UrlsSchema,
  /** `sigmeet webhooks`: listen address and each tracker's webhook secret source. */
  webhooks: WebhooksSchema,
  /** `sigmeet run`: the Matrix bot; required by that command only. */
  matrix: MatrixSchema.optional(),
});

export type Config = z.infer<typeof ConfigSchema>;
