import { z } from "zod";

/**
 * Where a SIG's action items and decisions go. The sync itself arrives with the tracker issue;
 * the shape of its configuration is settled here so that a config written today stays valid.
 */

/** An environment variable name: tokens are never written in the config file itself. */
const envName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    "expected an environment variable name, e.g. SIGMEET_GITHUB_TOKEN",
  );

/** A token comes from exactly one of: an environment variable, or a file (e.g. a mounted secret). */
const tokenSource = {
  tokenEnv: envName.optional().describe("environment variable holding the token"),
  tokenFile: z.string().min(1).optional().describe("file holding the token (first line)"),
};

function oneTokenSource(t: {
  tokenEnv?: string | undefined;
  tokenFile?: string | undefined;
}): boolean {
  return (t.tokenEnv === undefined) !== (t.tokenFile === undefined);
}
const ONE_TOKEN = "give exactly one of tokenEnv or tokenFile";
const ONE_TOKEN_SOURCE = { message: ONE_TOKEN, path: ["tokenEnv"] };

/**
 * A GitHub App installation, instead of a token: sigmeet signs a JWT with the app's private key
 * and trades it for installation tokens (an hour each). The key, like a token, is never written
 * here: it comes whole from an environment variable or a file (the .pem GitHub hands out).
 */
const githubApp = z
  .strictObject({
    appId: z.int().positive().describe("the App ID on the app's settings page"),
    installationId: z
      .int()
      .positive()
      .describe("the number at the end of the installation's settings URL"),
    privateKeyEnv: envName.optional().describe("environment variable holding the PEM key"),
    privateKeyFile: z.string().min(1).optional().describe("file holding the PEM key"),
  })
  .refine((a) => (a.privateKeyEnv === undefined) !== (a.privateKeyFile === undefined), {
    message: "give exactly one of privateKeyEnv or privateKeyFile",
    path: ["privateKeyEnv"],
  });

/**
 * A GitHub tracker signs in with a token or as an app, never both. The message for neither keeps
 * the token wording (most setups use one) and names the app as the other way.
 */
function githubCredentials(
  t: { tokenEnv?: string | undefined; tokenFile?: string | undefined; app?: unknown },
  ctx: z.core.$RefinementCtx,
): void {
  if (t.app === undefined) {
    if (!oneTokenSource(t))
      ctx.addIssue({
        code: "custom",
        // Not ONE_TOKEN_SOURCE.message: zod takes `message` out of the params it is given.
        message: `${ONE_TOKEN}, or an app`,
        path: ["tokenEnv"],
      });
  } else if (t.tokenEnv !== undefined || t.tokenFile !== undefined) {
    ctx.addIssue({
      code: "custom",
      message: "give either app or a token (tokenEnv or tokenFile), not both",
      path: ["app"],
    });
  }
}

/** Which meetings a tracker takes: by room (alias or ID) or by meeting (file) name. */
const match = z
  .strictObject({
    rooms: z.array(z.string().min(1)).optional(),
    meetings: z.array(z.string().min(1)).optional(),
  })
  .refine((m) => (m.rooms?.length ?? 0) + (m.meetings?.length ?? 0) > 0, {
    message: "name at least one room or meeting",
  });

/** Meetings before this day are never synced (an imported archive need not flood the tracker). */
const since = z.iso
  .date("expected a date, YYYY-MM-DD")
  .optional()
  .describe("only meetings started on or after this day");

const labels = z
  .strictObject({
    action: z.array(z.string().min(1)).default(["meeting-action"]),
    decision: z.array(z.string().min(1)).default(["decision"]),
  })
  .prefault({});

export const GitHubTrackerSchema = z
  .strictObject({
    type: z.literal("github"),
    match,
    owner: z.string().regex(/^[A-Za-z0-9-]+$/, "expected a GitHub user or organisation name"),
    repo: z.string().regex(/^[A-Za-z0-9._-]+$/, "expected a repository name"),
    baseUrl: z
      .url()
      .default("https://api.github.com")
      .describe("GitHub Enterprise: https://HOST/api/v3"),
    ...tokenSource,
    app: githubApp.optional().describe("a GitHub App installation, instead of a token"),
    labels,
    since,
    /**
     * GitHub asks integrations to leave at least a second between writes (Octokit's throttling
     * keeps 1 s, and 3 s for issues and comments, which notify people). Turn off only for a
     * server that does not need it (a GitHub Enterprise test instance).
     */
    spaceWrites: z.boolean().default(true),
  })
  .superRefine(githubCredentials);

export const PagureTrackerSchema = z
  .strictObject({
    type: z.literal("pagure"),
    match,
    baseUrl: z.url().default("https://pagure.io"),
    project: z
      .string()
      .regex(/^(?:[A-Za-z0-9_.-]+\/)?[A-Za-z0-9_.-]+$/, "expected PROJECT or NAMESPACE/PROJECT"),
    ...tokenSource,
    labels,
    since,
    /** Least time between two requests; pagure.io asks for about one a second. */
    minIntervalMs: z.int().nonnegative().default(1000),
    /** The close status used for actions done or withdrawn; it must exist in the project. */
    closeStatus: z.string().min(1).default("Fixed"),
  })
  .refine(oneTokenSource, ONE_TOKEN_SOURCE);

export const TrackerSchema = z.discriminatedUnion("type", [
  GitHubTrackerSchema,
  PagureTrackerSchema,
]);
export type TrackerConfig = z.infer<typeof TrackerSchema>;

/** Fedora account → its logins on the trackers (assignees come only from here). */
export const AccountsSchema = z
  .record(
    z.string().min(1),
    z.strictObject({
      github: z.string().min(1).optional(),
      pagure: z.string().min(1).optional(),
    }),
  )
  .default({});

export const SyncSchema = z
  .strictObject({
    /** A decision becomes a comment on the issue it names, or an issue of its own. */
    decisions: z.enum(["comment", "issue"]).default("comment"),
    /**
     * Writes per minute and per hour, per tracker. The defaults stay under GitHub's secondary
     * limits for content creation (80/min, 500/h); `sigmeet sync` warns when a GitHub tracker is
     * given more. A self-hosted Pagure may allow more.
     */
    budget: z
      .strictObject({
        perMinute: z.int().positive().default(60),
        perHour: z.int().positive().default(400),
      })
      .prefault({}),
  })
  .prefault({});

/** Links in issue bodies; `{base}`, `{channel}`, `{date}`, `{stem}` and `{line}` are filled in. */
export const UrlsSchema = z
  .strictObject({
    minutes: z.string().min(1).default("{base}/{channel}/{date}/{stem}.html"),
    logLine: z.string().min(1).default("{base}/{channel}/{date}/{stem}.log.html#l-{line}"),
  })
  .prefault({});
