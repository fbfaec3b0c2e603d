import { type Server, startServer, stop, TSX } from "./processes.js";
import { APP_MAIN, type Asked, createAsker, sleep, startLoopbackSlack } from "./slack.js";
import { round, type Summary, summarize } from "./stats.js";

/** Paced runs last at least `seconds`, and until `samples` requests were sent. */
export type SlackOptions = { runs: number; seconds: number; warmupSeconds: number; samples: number };
/** Askers at once in the flat-out runs. */
const CONNECTIONS = 50;

type Ask = (due: number) => Promise<Asked>;
export type Counts = { sent: number; answered: number; notices: number; errors: number };
export type Throughput = Counts & { perSecond: number };
export type SlackRun = {
  /** Closed loop, CONNECTIONS at once: answers (app) or acks (bare) completed per second. */
  flatOut: { app: Throughput; bare: Throughput; ratio: number };
  /** Both servers at the same even rate, half the app's flat-out rate: app request → answer, bare → ack. */
  paced: { rate: number; app: Summary; appAck: Summary; bare: Summary; counts: Counts; ratio: number };
  /** The app at twice its flat-out rate: acknowledgements later than Slack's 3 s (or none within 10 s). */
  overload: { rate: number; ack: Summary; counts: Counts; lateAcks: number };
};
export type SlackResult = { connections: number; runs: SlackRun[] };

/** The real app and a bare Bolt app, each in its own process, driven in turns by the same load. */
export async function slackSection(options: SlackOptions): Promise<SlackResult> {
  const slack = await startLoopbackSlack();
  const servers: Server[] = [];
  try {
    for (const main of [APP_MAIN, [...TSX, "bench/bare-bolt.ts"]])
      servers.push(await startServer(main, slack.appEnv()));
    const [app, bare] = servers as [Server, Server];
    const appAsker = createAsker(app, slack);
    const bareAsker = createAsker(bare, slack);
    const askApp: Ask = (due) => appAsker.ask(due, true);
    const askBare: Ask = (due) => bareAsker.ask(due, false);
    await closedLoop(askApp, options.warmupSeconds);
    await closedLoop(askBare, options.warmupSeconds);
    const runs: SlackRun[] = [];
    for (let run = 0; run < options.runs; run++) {
      const appFlat = await closedLoop(askApp, options.seconds);
      const bareFlat = await closedLoop(askBare, options.seconds);
      const rate = Math.max(1, Math.round(appFlat.perSecond / 2));
      const seconds = Math.max(options.seconds, Math.ceil(options.samples / rate));
      const appPaced = await openLoop(askApp, rate, seconds);
      const barePaced = await openLoop(askBare, rate, seconds);
      const answered = appPaced.filter((asked) => asked.outcome === "answer");
      const pacedApp = summarize(answered.map((asked) => asked.doneMs));
      const pacedBare = summarize(barePaced.map((asked) => asked.ackMs));
      const overloadRate = Math.max(2, Math.round(appFlat.perSecond * 2));
      const overloaded = await openLoop(askApp, overloadRate, options.seconds);
      runs.push({
        flatOut: { app: appFlat, bare: bareFlat, ratio: round(appFlat.perSecond / bareFlat.perSecond, 2) },
        paced: {
          rate,
          app: pacedApp,
          appAck: summarize(appPaced.map((asked) => asked.ackMs)),
          bare: pacedBare,
          counts: count(appPaced),
          ratio: round(pacedApp.p99 / pacedBare.p99, 2),
        },
        overload: {
          rate: overloadRate,
          ack: summarize(overloaded.map((asked) => asked.ackMs)),
          counts: count(overloaded),
          lateAcks: overloaded.filter((asked) => asked.ackMs > 3000).length,
        },
      });
      process.stderr.write(`  slack run ${run + 1}/${options.runs} done\n`);
    }
    appAsker.close();
    bareAsker.close();
    return { connections: CONNECTIONS, runs };
  } finally {
    for (const server of servers) await stop(server.child);
    await slack.close();
  }
}

/** CONNECTIONS askers back to back for `seconds`: how many complete per second. */
async function closedLoop(ask: Ask, seconds: number): Promise<Throughput> {
  const until = performance.now() + seconds * 1000;
  const done: Asked[] = [];
  const worker = async () => {
    while (performance.now() < until) done.push(await ask(performance.now()));
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const counts = count(done);
  return { ...counts, perSecond: round((counts.answered * 1000) / (performance.now() - started), 1) };
}

/** Requests due at an even `rate` (open loop): each is timed from when it was due, not when it left. */
async function openLoop(ask: Ask, rate: number, seconds: number): Promise<Asked[]> {
  const started = performance.now();
  const pending: Promise<Asked>[] = [];
  for (let i = 0; i < Math.round(rate * seconds); i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait >= 1) await sleep(wait);
    pending.push(ask(due));
  }
  return Promise.all(pending);
}

function count(asked: readonly Asked[]): Counts {
  const of = (outcome: Asked["outcome"]) => asked.filter((one) => one.outcome === outcome).length;
  return {
    sent: asked.length,
    answered: of("answer") + of("ack"),
    notices: of("notice"),
    errors: of("error"),
  };
}
