import type { RepoContext } from "./context.ts";
import { isHttpError } from "./errors.ts";

/**
 * Who may be assigned. GitHub fails a whole create with 422 over one unassignable login, and
 * silently ignores such logins when adding assignees later (notes §2.2), so logins are checked
 * first with `GET /repos/{o}/{r}/assignees/{login}` (204 yes, 404 no). Answers are remembered for
 * the life of the tracker: one sync run asks once per person.
 */
export interface Refusal {
  readonly login: string;
  readonly reason: string;
}

/** GitHub's cap on assignees per issue. */
const MAX_ASSIGNEES = 10;

export class AssigneeCheck {
  /** Lower-cased login (GitHub logins ignore case) → assignable. */
  private readonly known = new Map<string, boolean>();
  private readonly ctx: RepoContext;

  constructor(ctx: RepoContext) {
    this.ctx = ctx;
  }

  /** Splits logins into those to send and those refused with a reason; duplicates dropped. */
  async sort(logins: readonly string[]): Promise<{ assignable: string[]; refused: Refusal[] }> {
    const assignable: string[] = [];
    const refused: Refusal[] = [];
    const seen = new Set<string>();
    for (const login of logins) {
      if (seen.has(login.toLowerCase())) continue;
      seen.add(login.toLowerCase());
      if (!(await this.check(login)))
        refused.push({ login, reason: `not assignable in ${this.ctx.name}` });
      else if (assignable.length >= MAX_ASSIGNEES)
        refused.push({ login, reason: `GitHub takes at most ${MAX_ASSIGNEES} assignees` });
      else assignable.push(login);
    }
    return { assignable, refused };
  }

  /** Drops remembered answers, after GitHub contradicted them. */
  forget(logins: readonly string[]): void {
    for (const login of logins) this.known.delete(login.toLowerCase());
  }

  private async check(login: string): Promise<boolean> {
    const key = login.toLowerCase();
    const cached = this.known.get(key);
    if (cached !== undefined) return cached;
    const { client, owner, repo } = this.ctx;
    const ok = await this.ctx.run(
      `checking whether ${login} can be assigned in ${this.ctx.name}`,
      "read",
      async () => {
        try {
          await client.rest.issues.checkUserCanBeAssigned({ owner, repo, assignee: login });
          return true;
        } catch (error) {
          if (isHttpError(error) && error.status === 404) return false;
          throw error;
        }
      },
    );
    this.known.set(key, ok);
    return ok;
  }
}

/**
 * Requested logins missing from the assignees GitHub answered with. GitHub drops assignments
 * without an error when the token lacks push access, or when an assignee stopped being assignable
 * between our check and the write.
 */
export function dropped(requested: readonly string[], answered: readonly string[]): Refusal[] {
  const got = new Set(answered.map((l) => l.toLowerCase()));
  return requested
    .filter((l) => !got.has(l.toLowerCase()))
    .map((login) => ({
      login,
      reason:
        "GitHub did not assign them (it drops assignments silently, e.g. without push access)",
    }));
}
