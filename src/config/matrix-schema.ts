import { z } from "zod";

/** The Matrix bot (`sigmeet run`). The access token comes from the environment, never from here. */
export const MatrixSchema = z.strictObject({
  /** Client-server API base of the bot's homeserver. */
  homeserverUrl: z.url().describe("e.g. https://fedora.ems.host"),
  /** Environment variable that holds the bot account's access token. */
  tokenEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable name")
    .default("SIGMEET_MATRIX_TOKEN"),
  /**
   * Rooms the bot serves: it joins them at start and accepts invites to them only; invites to
   * any other room are declined. Room IDs of version 12 rooms have no `:server` part.
   */
  rooms: z
    .array(
      z
        .string()
        .regex(
          /^(?:![^:\s]+(?::\S+)?|#[^:\s]+:\S+)$/,
          "a room ID (!id or !id:server) or alias (#name:server)",
        ),
    )
    .min(1),
  /** Power level that makes a member a chair (maubot-meetings' `powerlevel`); v12 creators too. */
  chairPowerLevel: z.int().min(0).default(50),
  /** Where the log and minutes files go, in meetbot.fedoraproject.org's layout. */
  minutesDir: z.string().min(1).default("minutes"),
  /** Run the tracker sync when a meeting ends (for rooms a tracker takes). */
  syncAfterMeeting: z.boolean().default(true),
});

export type MatrixConfig = z.infer<typeof MatrixSchema>;
