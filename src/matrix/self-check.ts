import { createRequire } from "node:module";
import { CRYPTO_MODULE } from "./crypto-stub.ts";
import { loadSdk } from "./sdk.ts";

/**
 * Proves an installed sigmeet can load matrix-bot-sdk: imports it (through the crypto stub),
 * constructs a MatrixClient (no request is made), and checks that the binding the SDK resolves is
 * the stub. scripts/check-install.sh runs this against the packed, installed package.
 */
export async function matrixSelfCheck(): Promise<string> {
  const { sdk } = await loadSdk();
  const client = new sdk.MatrixClient("http://127.0.0.1:9/", "self-check-token");
  const fromSdk = createRequire(import.meta.resolve("matrix-bot-sdk"));
  const crypto: unknown = fromSdk(CRYPTO_MODULE);
  let refusal = "";
  try {
    Reflect.get(crypto as object, "OlmMachine");
  } catch (error) {
    refusal = error instanceof Error ? error.message : String(error);
  }
  if (!refusal.startsWith("E2EE disabled in this build"))
    throw new Error(`${CRYPTO_MODULE} as the SDK sees it is not sigmeet's stub`);
  const own = createRequire(import.meta.url);
  const { name, version } = own("matrix-bot-sdk/package.json") as {
    name: string;
    version: string;
  };
  return `${name} ${version} loaded, MatrixClient for ${client.homeserverUrl}, crypto stubbed`;
}
