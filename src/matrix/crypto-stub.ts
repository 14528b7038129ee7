import { existsSync } from "node:fs";
import * as nodeModule from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { packageRoot } from "../cli/package-root.ts";

// matrix-bot-sdk requires @matrix-org/matrix-sdk-crypto-nodejs at load time even with E2EE off,
// and that package throws on load unless its postinstall fetched a native binary from github.com,
// which sigmeet's machines cannot reach. In this repository npm `overrides` install sigmeet's stub
// in its place, but overrides only apply to the root project: where sigmeet itself is installed
// from its tarball (scripts/check-install.sh, the Dockerfile's global install) the real package
// is installed, fails to download silently, and the SDK's import would throw. So before the SDK
// is first loaded, this resolve hook maps exactly that one module id to the stub shipped in the
// package (`files` includes stubs/). docs/matrix.md has the details.

export const CRYPTO_MODULE = "@matrix-org/matrix-sdk-crypto-nodejs";

let installed = false;

/** The stub's entry point inside the installed sigmeet package. */
export function cryptoStubPath(root: string = packageRoot()): string {
  return join(root, "stubs", "matrix-sdk-crypto-nodejs", "index.js");
}

/** Makes every later `require`/`import` of the crypto binding load the stub. Idempotent. */
export function useCryptoStub(): void {
  if (installed) return;
  const stub = cryptoStubPath();
  if (!existsSync(stub)) throw new Error(`sigmeet's crypto stub is missing (${stub})`);
  // Node 22.15+/23.5+; the typings claim it always exists, older Nodes lack it.
  const registerHooks = (nodeModule as Partial<typeof nodeModule>).registerHooks;
  if (registerHooks === undefined)
    throw new Error(`the Matrix bot needs Node 22.15 or later (running ${process.version})`);
  const url = pathToFileURL(stub).href;
  registerHooks({
    resolve: (specifier, context, nextResolve) =>
      specifier === CRYPTO_MODULE
        ? { url, format: "commonjs", shortCircuit: true }
        : nextResolve(specifier, context),
  });
  installed = true;
}
