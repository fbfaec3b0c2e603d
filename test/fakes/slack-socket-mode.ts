import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import type { FakeSlack } from "./slack.js";

/**
 * Slack's Socket Mode side on 127.0.0.1: the fake Web API's apps.connections.open hands out this
 * server's URL; each connection gets `hello`, and the test sends envelopes and reads the acks.
 */
export type FakeSocketMode = {
  /** Sends an envelope on the newest connection; returns its envelope id. */
  send(type: "events_api" | "slash_commands" | "interactive", payload: Record<string, unknown>): string;
  /** Sends raw text (not an envelope) on the newest connection. */
  sendRaw(text: string): void;
  acks: Record<string, unknown>[];
  connections(): number;
  /** Drops every connection without a close frame, as a network failure would. */
  drop(): void;
  close(): Promise<void>;
};

let sequence = 0;

export async function startFakeSocketMode(slack: FakeSlack): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const sockets: WebSocket[] = [];
  const acks: Record<string, unknown>[] = [];
  server.on("connection", (socket) => {
    sockets.push(socket);
    socket.on("message", (data) => {
      try {
        acks.push(JSON.parse(String(data)) as Record<string, unknown>);
      } catch {
        // not an ack
      }
    });
    socket.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake" } }));
  });
  const { port } = server.address() as AddressInfo;
  slack.answer("apps.connections.open", { ok: true, url: `ws://127.0.0.1:${port}/link` });
  const newest = () => sockets.filter((socket) => socket.readyState === socket.OPEN).at(-1);

  return {
    send(type, payload) {
      sequence += 1;
      const envelopeId = `env-${Date.now().toString(36)}-${sequence}`;
      newest()?.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== "events_api",
        }),
      );
      return envelopeId;
    },
    sendRaw(text) {
      newest()?.send(text);
    },
    acks,
    connections: () => sockets.filter((socket) => socket.readyState === socket.OPEN).length,
    drop() {
      for (const socket of sockets) socket.terminate();
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
