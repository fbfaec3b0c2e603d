import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AdapterHealth } from "../adapters/adapter.js";
import type { WatchState } from "./knowledge-watch.js";
import type { KnowledgeInfo } from "./live-bot.js";

/** What is serving, how its last reload went, and how the folder is watched. */
export type KnowledgeReport = KnowledgeInfo & { watch: WatchState };

type HealthStatus = "ok" | "degraded" | "stopping";

export function buildHealthReport(input: {
  startedAt: number;
  stopping: boolean;
  knowledge: KnowledgeReport;
  adapters: AdapterHealth[];
}) {
  const allUp = input.adapters.every((adapter) => adapter.up);
  return {
    status: (input.stopping ? "stopping" : allUp ? "ok" : "degraded") as HealthStatus,
    uptimeSeconds: Math.round((Date.now() - input.startedAt) / 1000),
    knowledge: input.knowledge,
    adapters: input.adapters,
  };
}

/**
 * The one answer to GET /healthz, on the Slack HTTP server or the bare one: the report as JSON, 200 when its
 * status is "ok" and `up()` holds, else 503; 500 with the error when the report itself fails.
 */
export function healthResponder(report: () => { status: string }, up: () => boolean = () => true) {
  return (_request: IncomingMessage, response: ServerResponse) => {
    let status = 500;
    let body: string;
    try {
      const shown = report();
      status = shown.status === "ok" && up() ? 200 : 503;
      body = JSON.stringify(shown);
    } catch (error) {
      body = JSON.stringify({ error: error instanceof Error ? error.message : "health report failed" });
    }
    response.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" }).end(body);
  };
}

/** A bare GET /healthz for deployments with no Slack HTTP server to carry it (Socket Mode, Discord only). */
export async function startHealthServer(
  port: number,
  report: () => { status: HealthStatus },
  host?: string,
): Promise<{ port: number; close(): Promise<void> }> {
  // A probe sends one tiny request: a client slower than this is cut, checked every second.
  const timeouts = { headersTimeout: 5000, requestTimeout: 5000, connectionsCheckingInterval: 1000 };
  const respond = healthResponder(report);
  const server: Server = createServer(timeouts, (request, response) => {
    if (request.method !== "GET" || (request.url ?? "").split("?")[0] !== "/healthz") {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    respond(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
