import type { IStorageProvider } from "matrix-bot-sdk";
import type { Sdk } from "./sdk.ts";

// The SDK's MatrixClient with its /sync processing replaced. Built per loaded SDK because the SDK
// is imported lazily, so its class is only a value at run time.

export interface BatchSink {
  /** `initial`: the request carried no `since` token. */
  dispatch(raw: unknown, initial: boolean): Promise<void>;
}

export function syncClientClass(sdk: Sdk) {
  return class SyncClient extends sdk.MatrixClient {
    /** Set before start(); a batch arriving without one (after stop) is dropped unsaved. */
    sink: BatchSink | undefined;
    #initial = false;

    constructor(homeserverUrl: string, accessToken: string, storage: IStorageProvider) {
      super(homeserverUrl, accessToken, storage);
      // The SDK saves the token before processing by default: a crash mid-batch would lose the
      // batch. After processing, a crash replays it instead, and dedupe skips what was handled.
      this.persistTokenAfterSync = true;
    }

    protected override doSync(token: string | null): Promise<unknown> {
      this.#initial = token == null;
      return super.doSync(token as string);
    }

    protected override async processSync(raw: unknown): Promise<void> {
      // Throwing keeps the token unsaved; the SDK's loop sees it was stopped and ends quietly.
      if (this.sink === undefined) throw new Error("sync stopped: batch dropped unsaved");
      await this.sink.dispatch(raw, this.#initial);
    }
  };
}

export type SyncClient = InstanceType<ReturnType<typeof syncClientClass>>;
