import type { IncomingMessage } from "node:http";

/** The raw request body, or "too-large" as soon as it is known to exceed `limit` bytes. */
export type RawBody =
  { readonly kind: "ok"; readonly bytes: Buffer } | { readonly kind: "too-large" };

/**
 * Reads a request body as bytes (signatures are over these exact bytes), up to `limit`. A declared
 * `Content-Length` over the limit is refused before reading anything; a body that grows past it is
 * refused at that chunk, and the rest is never kept. Rejects if the client goes away midway.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<RawBody> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.resolve({ kind: "too-large" });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        stop();
        chunks.length = 0;
        resolve({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      stop();
      resolve({ kind: "ok", bytes: Buffer.concat(chunks, size) });
    };
    const onError = (err: Error): void => {
      stop();
      reject(err);
    };
    // "close" before "end": the client went away midway.
    const onClose = (): void => {
      onError(new Error("connection closed before the body was complete"));
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}
