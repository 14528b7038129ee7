import type * as SdkModule from "matrix-bot-sdk";
import { useCryptoStub } from "./crypto-stub.ts";
import type { RequestFn } from "./rate-limit.ts";

// matrix-bot-sdk is loaded on first use only: it pulls in `request`, express and more (~200
// packages), which `sigmeet --version`, `minutes` and the other commands do not need.

export type Sdk = typeof SdkModule;

let loading: Promise<{ sdk: Sdk; request: RequestFn }> | undefined;

/** The SDK (once per process) and its original HTTP function, before any wrapper of ours. */
export function loadSdk(): Promise<{ sdk: Sdk; request: RequestFn }> {
  loading ??= (async () => {
    useCryptoStub(); // must precede the SDK's first load
    const sdk = await withoutDeprecationWarnings(() => import("matrix-bot-sdk"));
    sdk.LogService.setLevel(sdk.LogLevel.WARN);
    // Otherwise every non-2xx answer (a 404 for absent account data, each 429) is an ERROR line.
    sdk.LogService.muteModule("MatrixHttpClient");
    return { sdk, request: sdk.getRequestFn() as unknown as RequestFn };
  })();
  return loading;
}

/**
 * The SDK's dependency htmlencode calls util._extend while loading, which makes Node print a
 * DEP0060 warning on every start of the bot; nothing sigmeet can act on, so it is hidden for the
 * duration of the load only.
 */
async function withoutDeprecationWarnings<T>(load: () => Promise<T>): Promise<T> {
  const before = process.noDeprecation === true;
  process.noDeprecation = true;
  try {
    return await load();
  } finally {
    process.noDeprecation = before;
  }
}
