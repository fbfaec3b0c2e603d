import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AdapterHealth } from "../adapters/adapter.js";
import type { WatchState } from "./knowledge-watch.js";
import type { KnowledgeInfo } from "./live-bot.js";

/** What is serving, how its last reload went, and how the folder is watched. */
export type KnowledgeReport = KnowledgeInfo & { watch: WatchState };

type HealthReport = {
  status: "ok" | "degraded" | "stopping";
  uptimeSeconds: number;
  knowledge: KnowledgeReport;
  adapters: AdapterHealth[];
};

export function buildHealthReport(input: {
  startedAt: number;
  stopping: boolean;
  knowledge: KnowledgeReport;
  adapters: AdapterHealth[];
}): HealthReport {
  const allUp = input.adapters.every((adapter) => adapter.up);
  return {
    status: input.stopping ? "stopping" : allUp ? "ok" : "degraded",
    uptimeSeconds: Math.round((Date.now() - input.startedAt) / 1000),
    knowledge: input.knowledge,
    adapters: input.adapters,
  };
}

/** A bare GET /healthz for deployments with no Slack HTTP server to carry it (Socket Mode, Discord only). */
export async function startHealthServer(
  port: number,
  report: () => { status: HealthReport["status"] },
  host?: string,
): Promise<{ port: number; close(): Promise<void> }> {
  // A probe sends one tiny request: a client slower than this is cut, checked every second.
  const timeouts = { headersTimeout: 5000, requestTimeout: 5000, connectionsCheckingInterval: 1000 };
  const server: Server = createServer(timeouts, (request, response) => {
    if (request.method !== "GET" || (request.url ?? "").split("?")[0] !== "/healthz") {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    const body = report();
    response
      .writeHead(body.status === "ok" ? 200 : 503, {
        "content-type": "application/json",
        "cache-control": "no-store",
      })
      .end(JSON.stringify(body));
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
