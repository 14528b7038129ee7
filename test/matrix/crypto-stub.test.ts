import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CRYPTO_MODULE, cryptoStubPath } from "../../src/matrix/crypto-stub.ts";
import { loadSdk } from "../../src/matrix/sdk.ts";

const root = resolve(import.meta.dirname, "../..");
const stub = createRequire(import.meta.url)(cryptoStubPath(root)) as Record<
  string | symbol,
  unknown
>;

describe("the crypto stub package", () => {
  it("loads, and says it is no ES module, so TypeScript's interop helpers accept it", () => {
    expect(stub["__esModule"]).toBe(false);
  });

  it("refuses every crypto export by name", () => {
    for (const name of ["OlmMachine", "UserId", "RoomId", "StoreType", "anything"])
      expect(() => stub[name]).toThrow(
        `E2EE disabled in this build (crypto stub accessed: ${name})`,
      );
    expect(() => {
      stub["OlmMachine"] = 1;
    }).toThrow(/E2EE disabled/);
  });

  it("answers protocol probes (symbols, then) with undefined, so logging it cannot crash", () => {
    expect(stub[Symbol.toStringTag]).toBeUndefined();
    expect(stub["then"]).toBeUndefined();
    expect(Object.keys(stub)).toEqual([]);
  });

  it("ships in the package and is what npm overrides install in the repository", () => {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      files: string[];
      overrides: Record<string, string>;
    };
    expect(manifest.files).toContain("stubs/matrix-sdk-crypto-nodejs");
    expect(manifest.overrides[CRYPTO_MODULE]).toBe(`$${CRYPTO_MODULE}`);
    const stubManifest = JSON.parse(
      readFileSync(join(root, "stubs/matrix-sdk-crypto-nodejs/package.json"), "utf8"),
    ) as { name: string; scripts?: unknown };
    expect(stubManifest.name).toBe(CRYPTO_MODULE);
    expect(stubManifest.scripts).toBeUndefined(); // nothing to download, nothing to allow
  });
});

describe("the resolve hook", () => {
  // A tree like an installed sigmeet's: the real binding (here: one that throws as the real one
  // does without its binary) and a CommonJS consumer requiring it, as the SDK does.
  const tree = mkdtempSync(join(tmpdir(), "sigmeet-crypto-"));
  afterAll(() => {
    rmSync(tree, { recursive: true, force: true });
  });
  const real = join(tree, "node_modules", ...CRYPTO_MODULE.split("/"));
  mkdirSync(real, { recursive: true });
  writeFileSync(
    join(real, "package.json"),
    JSON.stringify({ name: CRYPTO_MODULE, main: "index.js" }),
  );
  writeFileSync(join(real, "index.js"), 'throw new Error("real binding without its binary");\n');
  const consumer = join(tree, "node_modules", "consumer");
  mkdirSync(consumer, { recursive: true });
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify({ name: "consumer", main: "index.js" }),
  );
  writeFileSync(join(consumer, "index.js"), `module.exports = require("${CRYPTO_MODULE}");\n`);

  const run = (hook: boolean) =>
    spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { useCryptoStub } = await import(${JSON.stringify(join(root, "src/matrix/crypto-stub.ts"))});
         if (${String(hook)}) { useCryptoStub(); useCryptoStub(); }
         const { createRequire } = await import("node:module");
         const binding = createRequire(${JSON.stringify(join(tree, "x.js"))})("consumer");
         try { binding.OlmMachine; } catch (error) { console.log(error.message); }`,
      ],
      { cwd: tree, encoding: "utf8" },
    );

  it("without it, the installed real binding is loaded (and fails)", () => {
    const child = run(false);
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain("real binding without its binary");
  });

  it("with it, exactly that module id resolves to sigmeet's stub", () => {
    const child = run(true);
    expect(child.stderr).toBe("");
    expect(child.stdout.trim()).toBe(
      "E2EE disabled in this build (crypto stub accessed: OlmMachine)",
    );
  });
});

describe("loadSdk", () => {
  it("loads matrix-bot-sdk, whose MatrixClient constructs without any request", async () => {
    const { sdk, request } = await loadSdk();
    const client = new sdk.MatrixClient("http://127.0.0.1:9/", "token");
    expect(client.homeserverUrl).toBe("http://127.0.0.1:9");
    expect(typeof request).toBe("function");
    expect(await loadSdk()).toMatchObject({ sdk });
  });
});
