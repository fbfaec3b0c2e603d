import autocannon from "autocannon";
import { slackSignature } from "../test/fakes/slack-signing.js";
import { round, type Summary, summarize } from "./stats.js";

export type LoadSpec = {
  port: number;
  signingSecret: string;
  connections: number;
  seconds: number;
  /** The form body of the i-th request. */
  body: (i: number) => string;
};

export type LoadResult = {
  seconds: number;
  requests: number;
  rps: number;
  latencyMs: Summary;
  /** Without each connection's first request, which can wait long for a busy server to take it up. */
  steadyMs?: Summary;
  /** Acknowledged after Slack's 3 s deadline: Slack would have shown the user an error. */
  late: number;
  errors: number;
  /** What the errors were (error code → count). */
  errorCodes?: Record<string, number>;
  timeouts: number;
  non2xx: number;
  /** CPU used by this (load-generating) process over the run, as a share of one core. */
  generatorCpu: number;
};

/**
 * Signed /tpd commands against /slack/events with autocannon. Every request is built and signed when it
 * is sent, so its timestamp is fresh and its body (question, user, response_url) its own.
 */
export async function signedLoad(spec: LoadSpec): Promise<LoadResult> {
  let sent = 0;
  const samples: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const options: autocannon.Options = {
    url: `http://127.0.0.1:${spec.port}`,
    connections: spec.connections,
    duration: spec.seconds,
    requests: [
      {
        method: "POST",
        path: "/slack/events",
        setupRequest(request) {
          sent += 1;
          const body = spec.body(sent);
          const timestamp = Math.floor(Date.now() / 1000);
          return {
            ...request,
            body,
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              "x-slack-request-timestamp": String(timestamp),
              "x-slack-signature": slackSignature(spec.signingSecret, timestamp, body),
            },
          };
        },
      },
    ],
  };
  const instance = autocannon(options, (error: unknown, result: autocannon.Result) => {
    if (error) fail(error);
    else finish(result);
  });
  const answeredBefore = new WeakSet<object>();
  const steady: number[] = [];
  instance.on("response", (client, _status, _bytes, ms) => {
    samples.push(ms);
    if (answeredBefore.has(client)) steady.push(ms);
    else answeredBefore.add(client);
  });
  const errorCodes: Record<string, number> = {};
  instance.on("reqError", (error: NodeJS.ErrnoException) => {
    const code = error.code ?? error.message;
    errorCodes[code] = (errorCodes[code] ?? 0) + 1;
  });
  const result = await done;
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    seconds: result.duration,
    requests: samples.length,
    rps: round(samples.length / result.duration, 1),
    latencyMs: summarize(samples),
    steadyMs: summarize(steady),
    late: lateCount(samples),
    errors: result.errors,
    ...(result.errors > 0 ? { errorCodes } : {}),
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    generatorCpu: round((cpu.user + cpu.system) / 1000 / elapsedMs, 2),
  };
}

export const SLACK_ACK_DEADLINE_MS = 3000;

export function lateCount(samples: readonly number[]): number {
  return samples.filter((ms) => ms > SLACK_ACK_DEADLINE_MS).length;
}
