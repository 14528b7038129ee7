import type { RepoContext } from "./context.ts";
import { validationErrors } from "./errors.ts";

/**
 * Creates the repository labels the sync uses. GitHub would create an unknown label by itself
 * when an issue is created with it, but grey and without a description; creating it first gives
 * people a hint of where these issues come from.
 */

/** One colour for every sigmeet label, so they are recognisable in the label list. */
const COLOR = "c5def5";
const DESCRIPTION = "Kept in sync with meeting minutes by sigmeet";

export class LabelSync {
  private readonly ctx: RepoContext;
  /**
   * Lower-cased names of the repository's labels (GitHub compares names without case), listed
   * once per tracker; a failed listing is forgotten so the next call lists again.
   */
  private existing: Promise<Set<string>> | undefined;

  constructor(ctx: RepoContext) {
    this.ctx = ctx;
  }

  /** Creates the missing labels; returns the number of write calls made. */
  async ensure(labels: readonly string[]): Promise<number> {
    this.existing ??= this.list().catch((error: unknown) => {
      this.existing = undefined;
      throw error;
    });
    const existing = await this.existing;
    let writes = 0;
    for (const name of labels) {
      if (existing.has(name.toLowerCase())) continue;
      writes++;
      await this.create(name);
      existing.add(name.toLowerCase());
    }
    return writes;
  }

  private async list(): Promise<Set<string>> {
    const { client, owner, repo, perPage } = this.ctx;
    const all = await this.ctx.run(`listing the labels of ${this.ctx.name}`, "read", () =>
      client.paginate(client.rest.issues.listLabelsForRepo, { owner, repo, per_page: perPage }),
    );
    return new Set(all.map((l) => l.name.toLowerCase()));
  }

  private async create(name: string): Promise<void> {
    const { client, owner, repo } = this.ctx;
    await this.ctx.run(`creating the label "${name}" in ${this.ctx.name}`, "write", async () => {
      try {
        await client.rest.issues.createLabel({
          owner,
          repo,
          name,
          color: COLOR,
          description: DESCRIPTION,
        });
      } catch (error) {
        // Created meanwhile (by a person, or by GitHub for a new issue): the goal is met.
        if (!validationErrors(error).some((e) => e.code === "already_exists")) throw error;
      }
    });
  }
}
