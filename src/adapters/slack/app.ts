import type { IncomingMessage, ServerResponse } from "node:http";
import type { ParsedUrlQuery } from "node:querystring";
import {
  App,
  HTTPReceiver,
  type RespondArguments,
  type RespondFn,
  SocketModeReceiver,
  webApi,
} from "@slack/bolt";
import type { SlackConfig } from "../../config.js";
import type { Logger } from "../../logger.js";
import type { InFlight } from "../shared/in-flight.js";
import { toBoltLogger } from "./bolt-logger.js";
import { EVENTS_PATH, HEALTH_PATH } from "./registration.js";
import { respondTo } from "./replies.js";
import { checkSlackRequest } from "./request-gate.js";

/**
 * Listener context: when the request reached this process (ms since the epoch). A command's answer budget
 * runs from then, so time spent reading and verifying it under load counts against Slack's 3 s too.
 */
export const RECEIVED_AT = "receivedAt";

export type SlackAppOptions = {
  config: SlackConfig;
  logger: Logger;
  lifecycle: InFlight;
  /** Answers GET /healthz in HTTP mode. */
  health: (request: IncomingMessage, response: ServerResponse) => void;
  retryConfig: webApi.RetryOptions;
  /** Per Web API call; keeps a hung call from holding a reply (and shutdown) forever. */
  webApiTimeoutMs: number;
  /**
   * In HTTP mode, sees each signed slash command that has a response_url (its form fields) before Bolt does,
   * and may take it: true when it did, replying through `ack` (the HTTP response, once) and then `respond`.
   */
  takeCommand?: (fields: ParsedUrlQuery, receivedAt: number, reply: CommandReply) => boolean;
};

/** How a command taken before Bolt is replied to: its acknowledgement, then its response_url. */
export type CommandReply = { ack(body: RespondArguments): void; respond: RespondFn };

export type SlackApp = {
  app: App;
  /** Whether the receiver can take events: always in HTTP mode, only while the WebSocket is open in Socket Mode. */
  connected(): boolean;
  /**
   * A second Web API client for notices: it has its own queue and fails at once on 429, so a storm of
   * "slow down" notices that Slack rate-limits never pauses the main client's queue of answers.
   */
  noticeClient: webApi.WebClient;
};

/** A Bolt App over HTTP (signing secret) or Socket Mode (app-level token), as the config says. */
export function buildSlackApp(options: SlackAppOptions): SlackApp {
  const { config, logger, lifecycle } = options;
  const boltLogger = toBoltLogger(logger);
  const clientOptions: webApi.WebClientOptions = {
    retryConfig: options.retryConfig,
    timeout: options.webApiTimeoutMs,
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
  };
  const noticeClient = new webApi.WebClient(config.botToken, {
    ...clientOptions,
    logger: boltLogger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const common = {
    token: config.botToken,
    logger: boltLogger,
    clientOptions,
    // auth.test runs in start(), so a bad token fails start-up rather than the first question.
    deferInitialization: true,
    // Bolt's default conversation store keeps state in memory; replies here need none.
    convoStore: false as const,
  };

  if (config.mode === "socket") {
    if (!config.appToken) throw new Error("Socket Mode needs SLACK_APP_TOKEN");
    // Built here rather than by Bolt so health can follow the WebSocket: after a drop the client
    // waits before reconnecting, and no events arrive meanwhile.
    const receiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: boltLogger,
      installerOptions: { clientOptions },
      customPropertiesExtractor: () => ({ [RECEIVED_AT]: Date.now() }),
    });
    let open = false;
    receiver.client.on("connected", () => {
      open = true;
    });
    for (const state of ["close", "disconnecting", "disconnected", "reconnecting"]) {
      receiver.client.on(state, () => {
        open = false;
      });
    }
    return { app: new App({ ...common, receiver }), connected: () => open, noticeClient };
  }

  if (!config.signingSecret) throw new Error("HTTP mode needs SLACK_SIGNING_SECRET");
  const arrivals = new WeakMap<IncomingMessage, number>();
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret,
    // Every request Bolt processes has passed checkSlackRequest, which verifies its signature.
    signatureVerification: false,
    endpoints: EVENTS_PATH,
    logger: boltLogger,
    customRoutes: [{ path: HEALTH_PATH, method: ["GET"], handler: options.health }],
    customPropertiesExtractor: (request) => ({ [RECEIVED_AT]: arrivals.get(request) ?? Date.now() }),
  });
  // While stopping, Events API deliveries (JSON bodies) get 503 before Bolt acknowledges them, so
  // Slack retries them, possibly on another replica, instead of them being acknowledged and lost.
  const boltListener = receiver.requestListener;
  const signingSecret = config.signingSecret;
  receiver.requestListener = (request, response) => {
    const receivedAt = Date.now();
    arrivals.set(request, receivedAt);
    if (lifecycle.draining && request.method === "POST" && isJson(request)) {
      response.writeHead(503, { "retry-after": "5" });
      response.end();
      return;
    }
    if (request.method !== "POST" || pathOf(request) !== EVENTS_PATH) {
      boltListener(request, response);
      return;
    }
    void checkSlackRequest(request, signingSecret).then((checked) => {
      if ("form" in checked) {
        const { form } = checked;
        const responseUrl = form?.response_url;
        const taken =
          typeof form?.command === "string" &&
          typeof responseUrl === "string" &&
          options.takeCommand?.(form, receivedAt, {
            ack: (body) => {
              // With its length known, the response goes out in one write rather than as chunks.
              const json = JSON.stringify(body);
              response
                .writeHead(200, {
                  "content-type": "application/json",
                  "content-length": Buffer.byteLength(json),
                })
                .end(json);
            },
            respond: respondTo(responseUrl, options.webApiTimeoutMs),
          });
        if (!taken) boltListener(request, response);
        return;
      }
      logger.warn(
        { adapter: "slack", status: checked.status, reason: checked.reason },
        "Slack request refused",
      );
      response.writeHead(checked.status, { connection: "close" }).end();
    });
  };
  return { app: new App({ ...common, receiver }), connected: () => true, noticeClient };
}

/**
 * Connections the kernel holds for the server to accept (Node's default is 511, capped by the system's
 * somaxconn). A flood of new connections while the event loop is busy overflows a short queue, and a
 * dropped connection is only retried by the client a second or three later, past Slack's 3 s.
 */
export const LISTEN_BACKLOG = 4096;

/**
 * Node's defaults let a client hold a connection for minutes (headers 60 s, request 300 s, checked
 * every 30 s); Slack sends whole requests at once, so anything slower is cut.
 */
export const HTTP_SERVER_OPTIONS = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  connectionsCheckingInterval: 1_000,
} as const;

function pathOf(request: IncomingMessage): string | null {
  try {
    return new URL(request.url ?? "/", "http://localhost").pathname;
  } catch {
    return null;
  }
}

function isJson(request: IncomingMessage): boolean {
  return (request.headers["content-type"] ?? "").startsWith("application/json");
}
