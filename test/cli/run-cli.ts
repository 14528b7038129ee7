import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const main = resolve(import.meta.dirname, "../../src/cli/main.ts");

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `sigmeet` CLI (from source, under Node's type stripping) in a child process. */
export function sigmeet(
  args: readonly string[],
  options: { cwd?: string; env?: Readonly<Record<string, string>> } = {},
): CliResult {
  const child = spawnSync(process.execPath, [main, ...args], {
    encoding: "utf8",
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, NO_COLOR: "1", ...options.env },
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}
