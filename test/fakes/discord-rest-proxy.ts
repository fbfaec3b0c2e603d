import { once } from "node:events";
import { createServer, type IncomingMessage, request } from "node:http";
import type { AddressInfo } from "node:net";

type Rule = {
  method: string;
  path: RegExp;
  /** How many more requests the rule applies to; Infinity for every one. */
  times: number;
  status?: number;
  body?: unknown;
  delayMs?: number;
};

/**
 * Sits in front of the fake Discord's REST API (the gateway still goes straight to the fake) so a
 * test can make chosen calls fail or hang without changing the fake.
 */
export type DiscordRestProxy = {
  apiUrl: string;
  /** The next `times` matching calls answer `status` with `body` instead of reaching the fake. */
  fail(method: string, path: RegExp, status: number, body?: unknown, times?: number): void;
  /** The next `times` matching calls are held `ms` before being passed on. */
  delay(method: string, path: RegExp, ms: number, times?: number): void;
  /** Every call seen: method, path and the status it got. */
  seen: { method: string; path: string; status: number }[];
  /** Resolves once a call matching `path` has arrived (before any delay or failure is applied). */
  arrived(method: string, path: RegExp, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

export async function startDiscordRestProxy(targetApiUrl: string): Promise<DiscordRestProxy> {
  const target = new URL(targetApiUrl);
  const rules: Rule[] = [];
  const seen: DiscordRestProxy["seen"] = [];
  const arrivals: { method: string; path: string }[] = [];

  const take = (method: string, path: string): Rule | undefined => {
    const rule = rules.find((r) => r.times > 0 && r.method === method && r.path.test(path));
    if (rule) rule.times -= 1;
    return rule;
  };

  const server = createServer(async (incoming, outgoing) => {
    const body = await read(incoming);
    const method = incoming.method ?? "GET";
    const path = decodeURIComponent(new URL(incoming.url ?? "/", "http://127.0.0.1").pathname);
    arrivals.push({ method, path });
    const rule = take(method, path);
    if (rule?.delayMs) await new Promise((resolve) => setTimeout(resolve, rule.delayMs));
    if (rule?.status) {
      seen.push({ method, path, status: rule.status });
      outgoing.writeHead(rule.status, { "content-type": "application/json" });
      outgoing.end(JSON.stringify(rule.body ?? { message: "Internal Server Error", code: 0 }));
      return;
    }
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (response) => {
        seen.push({ method, path, status: response.statusCode ?? 0 });
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    upstream.on("error", () => outgoing.writeHead(502).end());
    upstream.end(body);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  return {
    apiUrl: `http://127.0.0.1:${port}${target.pathname}`,
    fail(method, path, status, body, times = Number.POSITIVE_INFINITY) {
      rules.push({ method, path, status, body, times });
    },
    delay(method, path, ms, times = 1) {
      rules.push({ method, path, delayMs: ms, times });
    },
    seen,
    async arrived(method, path, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!arrivals.some((call) => call.method === method && path.test(call.path))) {
        if (Date.now() > deadline) throw new Error(`no ${method} ${path} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function read(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => resolve(Buffer.concat(chunks)));
    incoming.on("error", reject);
  });
}
