import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// matrix-bot-sdk (~200 packages) must load only when the bot needs it. A resolve hook preloaded
// with --import makes any attempt to load it fail loudly.
const guard =
  "data:text/javascript," +
  encodeURIComponent(
    'import { registerHooks } from "node:module";' +
      "registerHooks({ resolve(specifier, context, next) {" +
      '  if (specifier === "matrix-bot-sdk") throw new Error("matrix-bot-sdk loaded eagerly");' +
      "  return next(specifier, context); } });",
  );
const root = resolve(import.meta.dirname, "../..");

const node = (args: string[]) =>
  spawnSync(process.execPath, ["--import", guard, ...args], { cwd: root, encoding: "utf8" });

describe("matrix-bot-sdk is loaded lazily", () => {
  it("sigmeet --version and --help do not load it", () => {
    for (const flag of ["--version", "--help"]) {
      const child = node([resolve(root, "src/cli/main.ts"), flag]);
      expect(child.stderr).toBe("");
      expect(child.status).toBe(0);
    }
  });

  it("importing the port does not load it; opening one does (the guard works)", () => {
    const child = node([
      "--input-type=module",
      "-e",
      `const m = await import(${JSON.stringify(resolve(root, "src/matrix/sdk-port.ts"))});
       console.log("imported");
       await m.openMatrixPort({ homeserverUrl: "http://x", env: { SIGMEET_MATRIX_TOKEN: "t" },
         seen: { has: () => false, add: () => {} }, log: () => {} });`,
    ]);
    expect(child.stdout).toBe("imported\n");
    expect(child.stderr).toContain("matrix-bot-sdk loaded eagerly");
  });
});
