import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { InboundIssueEvent } from "../../src/webhooks/inbound-event.ts";
import {
  startWebhookServer,
  type WebhookServer,
  type WebhookServerOptions,
} from "../../src/webhooks/server.ts";
import { DeliveryLog } from "../../src/webhooks/verify-signature.ts";
import { send } from "./http-client.ts";
import {
  GITHUB_SECRET,
  githubIssuesPayload,
  githubPing,
  githubSignature,
  PAGURE_SECRET,
  pagureBody,
  pagureSignature,
} from "./payloads.ts";

/** Every log line of every server in this file: checked at the end for leaked secrets. */
const allLines: string[] = [];
const running: WebhookServer[] = [];

interface Harness {
  readonly port: number;
  readonly events: InboundIssueEvent[];
  readonly lines: string[];
  readonly server: WebhookServer;
}

async function start(
  overrides: Partial<WebhookServerOptions> = {},
  onEvent?: WebhookServerOptions["onEvent"],
): Promise<Harness> {
  const events: InboundIssueEvent[] = [];
  const lines: string[] = [];
  const server = await startWebhookServer({
    port: 0,
    githubSecret: GITHUB_SECRET,
    pagureSecret: PAGURE_SECRET,
    deliveries: new DeliveryLog(),
    onEvent:
      onEvent ??
      ((event) => {
        events.push(event);
      }),
    log: (line) => {
      lines.push(line);
      allLines.push(line);
    },
    ...overrides,
  });
  running.push(server);
  return { port: server.port, events, lines, server };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

function postGitHub(
  port: number,
  body: string,
  o: { event?: string; delivery?: string; signature?: string | null; contentType?: string } = {},
) {
  const headers: Record<string, string> = {
    "Content-Type": o.contentType ?? "application/json",
    "User-Agent": "GitHub-Hookshot/a1b2c3d",
    "X-GitHub-Event": o.event ?? "issues",
    "X-GitHub-Delivery": o.delivery ?? randomUUID(),
    "X-GitHub-Hook-ID": "501234567",
  };
  const signature = o.signature === undefined ? githubSignature(body) : o.signature;
  if (signature !== null) headers["X-Hub-Signature-256"] = signature;
  return send(port, "POST", "/webhooks/github", body, headers);
}

function postPagure(port: number, body: string, o: { signature?: string | null } = {}) {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Pagure": "https://pagure.io",
    "X-Pagure-Project": "fesco",
    "X-Pagure-Topic": "issue.edit",
  };
  const signature = o.signature === undefined ? pagureSignature(body) : o.signature;
  if (signature !== null) headers["X-Pagure-Signature-256"] = signature;
  return send(port, "POST", "/webhooks/pagure", body, headers);
}

const closedNotPlanned = JSON.stringify(
  githubIssuesPayload({ action: "closed", state: "closed", stateReason: "not_planned" }),
);

describe("GitHub deliveries", () => {
  it("verify GitHub's documented test vector over HTTP", async () => {
    // docs.github.com, "Validating webhook deliveries": this secret, payload and signature.
    const h = await start({ githubSecret: "It's a Secret to Everybody" });
    const vector = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    // "Hello, World!" passes the signature check and only then fails as JSON.
    expect((await postGitHub(h.port, "Hello, World!", { signature: vector })).status).toBe(400);
    const tampered = await postGitHub(h.port, "Hello, World?", { signature: vector });
    expect(tampered.status).toBe(401);
  });

  it("apply a signed issues.closed delivery once, with the fields the sync needs", async () => {
    const h = await start();
    const delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
    const answer = await postGitHub(h.port, closedNotPlanned, { delivery });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe("applied\n");
    expect(h.events).toEqual([
      {
        source: "github",
        deliveryId: delivery,
        repository: "fedora-eln/eln",
        number: 224,
        action: "closed",
        state: "closed",
        closeReason: "not_planned",
        body: "Raised in the ELN SIG meeting.\n\n<!-- meeting-sync v1 id=mtgsync7f3a9c2e1b4d8a06 -->",
        sender: "sgallagh",
      },
    ]);
    expect(h.lines.at(-1)).toBe(
      `webhooks: github delivery ${delivery}: 200 applied fedora-eln/eln#224 closed, closed (not_planned), by sgallagh`,
    );
  });

  it("refuse a missing, malformed or wrong signature with 401 and apply nothing", async () => {
    const h = await start();
    for (const signature of [
      null,
      "",
      "sha1=0123456789abcdef0123456789abcdef01234567",
      githubSignature(closedNotPlanned).slice(0, -1),
      githubSignature(closedNotPlanned, "another-secret"),
      githubSignature(closedNotPlanned, PAGURE_SECRET),
    ]) {
      const answer = await postGitHub(h.port, closedNotPlanned, { signature });
      expect(answer.status).toBe(401);
    }
    expect(h.events).toEqual([]);
    expect(h.lines.filter((l) => l.includes(": 401 signature missing or invalid"))).toHaveLength(6);
  });

  it("refuse a body that was re-serialised after signing (whitespace changed)", async () => {
    const h = await start();
    const pretty = JSON.stringify(JSON.parse(closedNotPlanned), null, 2);
    const answer = await postGitHub(h.port, pretty, {
      signature: githubSignature(closedNotPlanned),
    });
    expect(answer.status).toBe(401);
    expect(h.events).toEqual([]);
  });

  it("apply a redelivered delivery (same X-GitHub-Delivery) only once", async () => {
    const h = await start();
    const delivery = randomUUID();
    expect((await postGitHub(h.port, closedNotPlanned, { delivery })).status).toBe(200);
    const again = await postGitHub(h.port, closedNotPlanned, { delivery });
    expect(again.status).toBe(200);
    expect(again.text).toBe("duplicate delivery, ignored\n");
    expect(h.events).toHaveLength(1);
    // Another delivery of the same change is a new delivery: the sync converges on state.
    expect((await postGitHub(h.port, closedNotPlanned)).status).toBe(200);
    expect(h.events).toHaveLength(2);
  });

  it("answer 500 when the handler throws, and apply the same delivery when it is redelivered", async () => {
    let calls = 0;
    const applied: InboundIssueEvent[] = [];
    const h = await start({}, (event) => {
      calls += 1;
      if (calls === 1) throw new Error("database is locked");
      applied.push(event);
    });
    const delivery = randomUUID();
    const failed = await postGitHub(h.port, closedNotPlanned, { delivery });
    expect(failed.status).toBe(500);
    expect(h.lines.at(-1)).toContain("500 handler failed for fedora-eln/eln#224");
    expect(h.lines.at(-1)).toContain("database is locked");

    const redelivered = await postGitHub(h.port, closedNotPlanned, { delivery });
    expect(redelivered.status).toBe(200);
    expect(applied.map((e) => e.deliveryId)).toEqual([delivery]);
    expect((await postGitHub(h.port, closedNotPlanned, { delivery })).text).toBe(
      "duplicate delivery, ignored\n",
    );
    expect(calls).toBe(2);
  });

  it("survive handlers that reject or throw non-errors", async () => {
    const h = await start({}, () => Promise.reject(new TypeError("boom")));
    expect((await postGitHub(h.port, closedNotPlanned)).status).toBe(500);
    const h2 = await start({}, () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a careless handler
      throw "a string";
    });
    expect((await postGitHub(h2.port, closedNotPlanned)).status).toBe(500);
    expect((await send(h.port, "GET", "/healthz")).status).toBe(200);
    expect((await send(h2.port, "GET", "/healthz")).status).toBe(200);
  });

  it("refuse an oversize body with 413, declared or streamed, without applying it", async () => {
    const h = await start({ maxBodyBytes: 4096 });
    const padded = JSON.stringify({
      ...githubIssuesPayload(),
      padding: "x".repeat(8192),
    });
    const declared = await postGitHub(h.port, padded);
    expect(declared.status).toBe(413);
    expect(declared.headers["connection"]).toBe("close");

    // Chunked (no Content-Length): refused once the limit is passed, the rest discarded.
    const chunked = await send(
      h.port,
      "POST",
      "/webhooks/github",
      new TextEncoder().encode(padded),
      {
        "Transfer-Encoding": "chunked",
        "X-GitHub-Event": "issues",
        "X-GitHub-Delivery": randomUUID(),
        "X-Hub-Signature-256": githubSignature(padded),
      },
    );
    expect(chunked.status).toBe(413);
    expect(h.events).toEqual([]);
    expect((await postGitHub(h.port, closedNotPlanned)).status).toBe(200);
  });

  it("answer ping with 200 and other events or issue actions with 204", async () => {
    const h = await start();
    const ping = JSON.stringify(githubPing);
    const pong = await postGitHub(h.port, ping, { event: "ping" });
    expect(pong.status).toBe(200);
    expect(pong.text).toBe("pong\n");

    const comment = JSON.stringify({ action: "created", ...githubIssuesPayload(), comment: {} });
    expect((await postGitHub(h.port, comment, { event: "issue_comment" })).status).toBe(204);
    const labeled = JSON.stringify(githubIssuesPayload({ action: "labeled", state: "open" }));
    expect((await postGitHub(h.port, labeled)).status).toBe(204);
    expect(h.events).toEqual([]);
  });

  it("answer 400 for a signed body that is not JSON or not an issues payload", async () => {
    const h = await start();
    expect((await postGitHub(h.port, '{"action": "closed",')).status).toBe(400);
    const noNumber = JSON.stringify({ ...githubIssuesPayload(), issue: { state: "closed" } });
    const answer = await postGitHub(h.port, noNumber);
    expect(answer.status).toBe(400);
    expect(h.lines.at(-1)).toContain("issue.number");
    const noDelivery = await send(h.port, "POST", "/webhooks/github", closedNotPlanned, {
      "X-GitHub-Event": "issues",
      "X-Hub-Signature-256": githubSignature(closedNotPlanned),
    });
    expect(noDelivery.status).toBe(400);
    expect(h.events).toEqual([]);
  });

  it("accept the form-encoded content type GitHub can be set to", async () => {
    const h = await start();
    const form = new URLSearchParams({ payload: closedNotPlanned }).toString();
    const answer = await postGitHub(h.port, form, {
      contentType: "application/x-www-form-urlencoded",
    });
    expect(answer.status).toBe(200);
    expect(h.events[0]?.closeReason).toBe("not_planned");
  });
});

describe("Pagure deliveries", () => {
  it("apply a signed issue.edit that closes an issue as Won't fix", async () => {
    const h = await start();
    const body = pagureBody({ status: "Closed", closeStatus: "Won't fix" });
    const answer = await postPagure(h.port, body);
    expect(answer.status).toBe(200);
    expect(h.events).toEqual([
      {
        source: "pagure",
        deliveryId: "2026-0b8e2f4c-5d1a-4c3e-9f7b-6a2d1e0c9b84",
        repository: "fesco",
        number: 3141,
        action: "closed",
        state: "closed",
        closeReason: "not_planned",
        body: "Raised in the FESCo meeting; caf\u00e9 follow-up.\n\n<!-- meeting-sync v1 id=mtgsync7f3a9c2e1b4d8a06 -->",
        sender: "sgallagh",
      },
    ]);
  });

  it("apply a reopen as open again, without a close reason", async () => {
    const h = await start();
    await postPagure(h.port, pagureBody({ status: "Open", msgId: "2026-reopen" }));
    expect(h.events).toMatchObject([{ action: "reopened", state: "open", closeReason: null }]);
  });

  it("refuse a bad signature, and a body re-serialised after signing", async () => {
    const h = await start();
    const body = pagureBody();
    expect((await postPagure(h.port, body, { signature: null })).status).toBe(401);
    expect((await postPagure(h.port, body, { signature: "0".repeat(64) })).status).toBe(401);
    // GitHub's prefixed form is not Pagure's.
    expect(
      (await postPagure(h.port, body, { signature: `sha256=${pagureSignature(body)}` })).status,
    ).toBe(401);
    expect(
      (await postPagure(h.port, body, { signature: pagureSignature(body, GITHUB_SECRET) })).status,
    ).toBe(401);
    // Python escapes "é" as \u00e9; re-serialising in JavaScript writes it raw (and drops spaces).
    const reserialised = JSON.stringify(JSON.parse(body));
    const answer = await postPagure(h.port, reserialised, { signature: pagureSignature(body) });
    expect(answer.status).toBe(401);
    expect(h.events).toEqual([]);
  });

  it("apply a replayed notification once (same msg_id, or same body when msg_id is missing)", async () => {
    const h = await start();
    const body = pagureBody();
    expect((await postPagure(h.port, body)).text).toBe("applied\n");
    expect((await postPagure(h.port, body)).text).toBe("duplicate delivery, ignored\n");
    const bare = pagureBody({ msgId: null });
    expect((await postPagure(h.port, bare)).text).toBe("applied\n");
    expect((await postPagure(h.port, bare)).text).toBe("duplicate delivery, ignored\n");
    expect(h.events).toHaveLength(2);
    expect(h.events[1]?.deliveryId).toMatch(/^[0-9a-f]{64}$/);
  });

  it("decide from the signed topic, not the X-Pagure-Topic header", async () => {
    const h = await start();
    const comment = pagureBody({ topic: "issue.comment.added", fields: null });
    // The header claims issue.edit; the signed payload says it is a comment.
    expect((await postPagure(h.port, comment)).status).toBe(204);
    expect(h.events).toEqual([]);
  });

  it("answer 400 for malformed JSON or an issue topic without an issue", async () => {
    const h = await start();
    expect((await postPagure(h.port, "{'topic': 'issue.edit'}")).status).toBe(400);
    const noIssue = '{"msg": {"agent": "x"}, "msg_id": "2026-1", "topic": "issue.edit"}';
    expect((await postPagure(h.port, noIssue)).status).toBe(400);
    expect(h.events).toEqual([]);
  });
});

describe("the server", () => {
  it("routes, refuses other methods and answers its health check", async () => {
    const h = await start({ pagureSecret: undefined });
    expect((await send(h.port, "GET", "/healthz")).status).toBe(200);
    expect((await send(h.port, "HEAD", "/healthz")).status).toBe(200);
    expect((await send(h.port, "POST", "/healthz")).status).toBe(405);
    const get = await send(h.port, "GET", "/webhooks/github");
    expect(get.status).toBe(405);
    expect(get.headers["allow"]).toBe("POST");
    expect((await send(h.port, "GET", "/")).status).toBe(404);
    expect((await send(h.port, "POST", "/webhooks/gitlab", "{}")).status).toBe(404);
    // No Pagure secret configured: no Pagure route, whatever is sent.
    expect((await postPagure(h.port, pagureBody())).status).toBe(404);
    expect(h.events).toEqual([]);
  });

  it("keeps answering while a handler is slow, and tells a racing redelivery to come back", async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const applied: string[] = [];
    const h = await start({}, async (event) => {
      if (event.number === 1) await gate;
      applied.push(`#${event.number}`);
    });
    const delivery = randomUUID();
    const slowBody = JSON.stringify(githubIssuesPayload({ number: 1 }));
    const slow = postGitHub(h.port, slowBody, { delivery });
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect((await send(h.port, "GET", "/healthz")).status).toBe(200);
    const other = JSON.stringify(githubIssuesPayload({ number: 2 }));
    expect((await postGitHub(h.port, other)).status).toBe(200);
    expect((await postGitHub(h.port, slowBody, { delivery })).status).toBe(409);

    release();
    expect((await slow).status).toBe(200);
    expect(applied).toEqual(["#2", "#1"]);
  });

  it("answers 503 when a handler overruns, and records the delivery once it succeeds", async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let calls = 0;
    const h = await start({ handlerTimeoutMs: 50 }, async () => {
      calls += 1;
      await gate;
    });
    const delivery = randomUUID();
    const answer = await postGitHub(h.port, closedNotPlanned, { delivery });
    expect(answer.status).toBe(503);
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await postGitHub(h.port, closedNotPlanned, { delivery })).text).toBe(
      "duplicate delivery, ignored\n",
    );
    expect(calls).toBe(1);
    expect(h.lines.some((l) => l.includes(": late applied fedora-eln/eln#224"))).toBe(true);
  });

  it("answers 500 and stays up when the delivery store fails, or the log sink throws", async () => {
    const broken = {
      has: (): boolean => {
        throw new Error("SQLITE_BUSY: database is locked");
      },
      firstTime: (): boolean => true,
    };
    const h = await start({ deliveries: broken });
    expect((await postGitHub(h.port, closedNotPlanned)).status).toBe(500);
    expect(h.lines.at(-1)).toContain("500 Error: SQLITE_BUSY: database is locked");
    expect(h.events).toEqual([]);

    const events: InboundIssueEvent[] = [];
    const server = await startWebhookServer({
      githubSecret: GITHUB_SECRET,
      deliveries: new DeliveryLog(),
      onEvent: (e) => {
        events.push(e);
      },
      log: () => {
        throw new Error("stdout closed");
      },
    });
    running.push(server);
    expect((await postGitHub(server.port, closedNotPlanned)).status).toBe(200);
    expect((await send(server.port, "GET", "/healthz")).status).toBe(200);
    expect(events).toHaveLength(1);
  });

  it("fails to start on an empty secret or a port in use", async () => {
    await expect(start({ githubSecret: "" })).rejects.toThrow("secret is empty");
    const h = await start();
    await expect(start({ port: h.port })).rejects.toThrow(/EADDRINUSE/);
  });
});

// Runs last (tests in a file run in order): every test above logged through the same sink.
it("never logs a secret or a body", () => {
  expect(allLines.length).toBeGreaterThan(40);
  for (const line of allLines) {
    expect(line).not.toContain(GITHUB_SECRET);
    expect(line).not.toContain(PAGURE_SECRET);
    expect(line).not.toContain("It's a Secret to Everybody");
    expect(line).not.toContain("meeting-sync");
    expect(line).not.toContain("Hello, World");
  }
});
