import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Serves an in-process fake's `fetch` over loopback HTTP, so a child process (the real CLI) can
 * talk to it. `hook` sees every request first and may cut it short: drop the connection before the
 * fake sees it, or after the fake committed it, or after the answer went out.
 */
export type HookAction = "pass" | "drop-before" | "drop-after-commit" | "after-response";

export interface Served {
  readonly url: string;
  close(): Promise<void>;
}

export async function serveFetch(
  fetch: (request: Request) => Promise<Response>,
  hook: (method: string, path: string) => HookAction = () => "pass",
  onDropped: (action: HookAction) => void = () => undefined,
): Promise<Served> {
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const action = hook(req.method ?? "GET", req.url ?? "/");
    if (action === "drop-before") {
      onDropped(action);
      req.socket.destroy();
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const body = chunks.length === 0 ? undefined : Buffer.concat(chunks);
    const response = await fetch(
      new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
        method: req.method ?? "GET",
        headers,
        ...(body === undefined ? {} : { body }),
      }),
    );
    if (action === "drop-after-commit") {
      onDropped(action);
      req.socket.destroy();
      return;
    }
    const out = Buffer.from(await response.arrayBuffer());
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((v, k) => (responseHeaders[k] = v));
    res.writeHead(response.status, responseHeaders);
    res.end(out, () => {
      if (action === "after-response") onDropped(action);
    });
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
