import { Agent, request } from "node:http";
import { slackSignature } from "../test/fakes/slack-signing.js";
import { type LoadResult, type LoadSpec, lateCount } from "./load.js";
import { round, summarize } from "./stats.js";

/**
 * Signed /tpd commands at an even rate (open loop): request i is due at i / rate seconds and its latency
 * counts from then, so time spent waiting for a free connection counts too. autocannon's own rate option
 * sends each second's budget at the start of the second, which measures how fast a burst drains instead.
 */
export async function pacedLoad(spec: LoadSpec & { rate: number }): Promise<LoadResult> {
  // FIFO keeps every pooled connection in use, so none sits idle until the server's keep-alive timeout
  // closes it just as it is reused (an ECONNRESET the server never saw).
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections, scheduling: "fifo" });
  const errorCodes: Record<string, number> = {};
  const samples: number[] = [];
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  const inFlight = new Set<Promise<void>>();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const interval = 1000 / spec.rate;
  const total = Math.round(spec.rate * spec.seconds);

  const send = (i: number, due: number) => {
    const body = spec.body(i);
    const timestamp = Math.floor(Date.now() / 1000);
    const done = new Promise<void>((resolve) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: spec.port,
          path: "/slack/events",
          method: "POST",
          agent,
          timeout: 10_000,
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            "content-length": Buffer.byteLength(body),
            "x-slack-request-timestamp": String(timestamp),
            "x-slack-signature": slackSignature(spec.signingSecret, timestamp, body),
          },
        },
        (response) => {
          response.resume();
          response.on("end", () => {
            samples.push(performance.now() - due);
            if ((response.statusCode ?? 0) >= 300) non2xx += 1;
            resolve();
          });
        },
      );
      req.on("timeout", () => {
        timeouts += 1;
        req.destroy(new Error("timeout"));
      });
      req.on("error", (error: NodeJS.ErrnoException) => {
        errors += 1;
        const code = error.code ?? error.message;
        errorCodes[code] = (errorCodes[code] ?? 0) + 1;
        resolve();
      });
      req.end(body);
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };

  for (let i = 0; i < total; ) {
    const now = performance.now();
    while (i < total && started + i * interval <= now) {
      send(i + 1, started + i * interval);
      i += 1;
    }
    if (i < total)
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, started + i * interval - performance.now())),
      );
  }
  await Promise.race([Promise.all([...inFlight]), new Promise((resolve) => setTimeout(resolve, 15_000))]);
  agent.destroy();
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    seconds: spec.seconds,
    requests: samples.length,
    rps: round(samples.length / spec.seconds, 1),
    latencyMs: summarize(samples),
    late: lateCount(samples),
    errors,
    ...(errors > 0 ? { errorCodes } : {}),
    timeouts,
    non2xx,
    generatorCpu: round((cpu.user + cpu.system) / 1000 / elapsedMs, 2),
  };
}
