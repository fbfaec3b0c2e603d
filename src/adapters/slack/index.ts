import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { webApi } from "@slack/bolt";
import type { SlackConfig } from "../../config.js";
import { healthResponder } from "../../runtime/health.js";
import type { Adapter, AdapterHealth, PlatformAdapterOptions } from "../adapter.js";
import { createInFlight } from "../shared/in-flight.js";
import { createPipeline } from "../shared/pipeline.js";
import { buildSlackApp, HTTP_SERVER_OPTIONS, LISTEN_BACKLOG, type SlackApp } from "./app.js";
import { createMemoryDedupe, type DedupeStore } from "./dedupe.js";
import { registerFeedback } from "./feedback.js";
import { registerListeners, takeCommand } from "./listeners.js";

export { renderAnswer } from "./render.js";

type SlackAdapterOptions = PlatformAdapterOptions<SlackConfig> & {
  /** Served as JSON on GET /healthz in HTTP mode; a `status` other than "ok" (another adapter down, stopping) answers 503. */
  healthReport: () => { status: string };
  /** Interface to listen on in HTTP mode; all interfaces when unset. */
  host?: string;
  /** Web API retry policy; tests pass `{ retries: 0 }`. */
  retryConfig?: webApi.RetryOptions;
  /** Event de-duplication; replace with a shared store when running several replicas. */
  dedupe?: DedupeStore;
};

export type SlackAdapter = Adapter & { port(): number | null };

/** A few quick retries: an answer that arrives minutes late is worse than a short error. */
const DEFAULT_RETRY: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 4000 };

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { config, logger } = options;
  const log = logger.child({ adapter: "slack" });
  const lifecycle = createInFlight();
  let state: "idle" | "starting" | "up" | "stopping" | "stopped" = "idle";
  let server: Server | null = null;

  const health = (): AdapterHealth => {
    const up = state === "up" && connected();
    const where = config.mode === "socket" ? "Socket Mode" : `HTTP on port ${currentPort() ?? config.port}`;
    const shown = state === "up" && !up ? "reconnecting" : state;
    return { name: "slack", up, detail: up ? where : `${shown} (${where})` };
  };

  const pipeline = createPipeline({ ...options, logger: log, inFlight: lifecycle });
  const { app, connected, noticeClient }: SlackApp = buildSlackApp({
    config,
    logger,
    lifecycle,
    retryConfig: options.retryConfig ?? DEFAULT_RETRY,
    webApiTimeoutMs: 10_000,
    health: healthResponder(options.healthReport, () => health().up),
    takeCommand: takeCommand(pipeline),
  });
  registerListeners(app, {
    pipeline,
    getBot: options.getBot,
    dedupe: options.dedupe ?? createMemoryDedupe(),
    lifecycle,
    logger,
    noticeClient,
  });
  registerFeedback(app, pipeline.recorder.vote, logger);

  function currentPort(): number | null {
    const address = server?.address();
    return address && typeof address === "object" ? (address as AddressInfo).port : null;
  }

  return {
    name: "slack",
    async start() {
      if (state !== "idle" && state !== "stopped")
        throw new Error(`Slack adapter cannot start while ${state}`);
      state = "starting";
      try {
        await app.init();
        if (config.mode === "http") {
          const listen = {
            port: config.port,
            backlog: LISTEN_BACKLOG,
            ...(options.host ? { host: options.host } : {}),
          };
          server = (await app.start(listen, HTTP_SERVER_OPTIONS)) as Server;
        } else {
          await app.start();
        }
      } catch (error) {
        state = "stopped";
        throw error;
      }
      lifecycle.reopen();
      state = "up";
      log.info({ mode: config.mode, port: currentPort() }, "Slack adapter started");
    },
    async stop() {
      if (state !== "up") return;
      state = "stopping";
      const graceMs = options.shutdownGraceMs ?? 5000;
      const graceEnds = Date.now() + graceMs;
      const { unfinished } = await lifecycle.drain(graceMs);
      if (unfinished > 0) log.warn({ unfinished }, "stopping with answers still in progress");
      // Closing waits for every connection: idle keep-alive ones close now, and one still sending a
      // request (a slow or half-open client) is cut when the grace ends.
      const open = server;
      open?.closeIdleConnections();
      const cut = setTimeout(() => open?.closeAllConnections(), Math.max(0, graceEnds - Date.now()));
      try {
        await app.stop();
      } finally {
        clearTimeout(cut);
        server = null;
        state = "stopped";
        log.info("Slack adapter stopped");
      }
    },
    health,
    port: currentPort,
  };
}
