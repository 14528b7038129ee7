import { rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const repo = resolve(import.meta.dirname, "../..");

/** Lints a throw-away file placed in `folder`, with the project's real ESLint config. */
async function lintProbe(folder: string, source: string): Promise<string[]> {
  const file = join(repo, folder, `lint-probe-${process.pid}.ts`);
  writeFileSync(file, source);
  try {
    const [result] = await new ESLint({ cwd: repo }).lintFiles([file]);
    return (result?.messages ?? []).map((m) => `${m.ruleId ?? "fatal"}: ${m.message}`);
  } finally {
    rmSync(file, { force: true });
  }
}

const io =
  'import { readFileSync } from "node:fs";\nexport const read = (p: string): string => readFileSync(p, "utf8");\n';

describe("the pure core is fenced off from I/O by lint", () => {
  it.each(["src/core", "src/render"])("rejects node:fs in %s", async (folder) => {
    const messages = await lintProbe(folder, io);
    expect(messages.some((m) => m.startsWith("no-restricted-imports"))).toBe(true);
  });

  it("rejects process in the core", async () => {
    const messages = await lintProbe(
      "src/core",
      "export const argv = (): string[] => process.argv;\n",
    );
    expect(messages.some((m) => m.startsWith("no-restricted-globals"))).toBe(true);
  });

  it("allows I/O in the shell (src/io)", async () => {
    expect(await lintProbe("src/io", io)).toEqual([]);
  });
}, 60_000);
