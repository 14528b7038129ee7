import type { Command } from "commander";
import { openStore } from "../../store/index.ts";
import { applyWebhookEvent } from "../../sync/webhook-apply.ts";
import { resolveWebhookSecrets } from "../../webhooks/resolve-secrets.ts";
import { startWebhookServer } from "../../webhooks/server.ts";
import { configOf } from "../context.ts";
import { UsageError } from "../exit-codes.ts";

interface WebhooksOptions {
  port?: string;
  host?: string;
  db?: string;
}

export function registerWebhooks(program: Command): void {
  program
    .command("webhooks")
    .description(
      "receive GitHub and Pagure issue webhooks: an issue closed or reopened there updates its action here",
    )
    .option("-p, --port <n>", "port to listen on (default: webhooks.port, 8088; 0 = any free port)")
    .option("--host <host>", "address to listen on (default: webhooks.host, 127.0.0.1)")
    .option("--db <file>", "SQLite database (default ./sigmeet.db)")
    .action(async (options: WebhooksOptions, command: Command) => {
      const config = configOf(command);
      const port = options.port === undefined ? config.webhooks.port : Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port: expected a port number 0-65535, got ${String(options.port)}`);
      const secrets = resolveWebhookSecrets(config.webhooks, process.env);
      if (secrets.githubSecret === undefined && secrets.pagureSecret === undefined) {
        throw new UsageError(
          "webhooks: no secret configured; set webhooks.github or webhooks.pagure (secretEnv or secretFile)",
        );
      }
      const store = openStore(options.db ?? config.db);
      const log = (line: string): void => {
        process.stderr.write(`sigmeet webhooks: ${line}\n`);
      };
      const server = await startWebhookServer({
        host: options.host ?? config.webhooks.host,
        port,
        ...secrets,
        deliveries: {
          has: (id) => store.sync.hasDelivery(id),
          firstTime: (id) => store.sync.firstDelivery(id),
        },
        onEvent: (event) => {
          const outcome = applyWebhookEvent(store.sync, config, event);
          log(
            `${event.source} ${event.repository}#${String(event.number)} ${event.action}: ${outcome}`,
          );
        },
        log,
      });
      process.stdout.write(
        `sigmeet webhooks: listening on http://${options.host ?? config.webhooks.host}:${String(server.port)}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void server.close().then(() => {
            store.close();
            resolve();
          });
        };
        process.once("SIGTERM", stop);
        process.once("SIGINT", stop);
      });
    });
}
