import { round, sleep, summarize } from "./harness.js";
import { APP_MAIN, type Asked, BARE_BOLT, startSlack } from "./slack.js";

/** Paced runs last at least `seconds`, and until `samples` requests were sent. */
type SlackOptions = { runs: number; seconds: number; warmupSeconds: number; samples: number };
type Ask = (due: number) => Promise<Asked>;

/** Askers at once in the flat-out runs. */
const CONNECTIONS = 50;

/** The real app and a bare Bolt app, each in its own process, driven in turns by the same load. */
export async function slackSection({ runs, seconds, warmupSeconds, samples }: SlackOptions) {
  const slack = await startSlack([APP_MAIN, BARE_BOLT]);
  try {
    const [app, bare] = slack.apps;
    const askApp: Ask = (due) => app.ask(due, true);
    const askBare: Ask = (due) => bare.ask(due, false);
    for (const ask of [askApp, askBare]) await closedLoop(ask, warmupSeconds);
    const measured = [];
    for (let run = 1; run <= runs; run++) {
      const appFlat = await closedLoop(askApp, seconds);
      const bareFlat = await closedLoop(askBare, seconds);
      const rate = Math.max(1, Math.round(appFlat.perSecond / 2));
      // Both paced a second at a time, in turns, so that both see the same state of a busy machine.
      const turns: [Asked[], Asked[]] = [[], []];
      for (let turn = 0; turn < Math.max(seconds, Math.ceil(samples / rate)); turn++) {
        turns[0].push(...(await openLoop(askApp, rate, (n) => n < rate)));
        turns[1].push(...(await openLoop(askBare, rate, (n) => n < rate)));
      }
      const [appPaced, barePaced] = [outcomes(turns[0]), outcomes(turns[1])];
      const overloadRate = Math.max(2, Math.round(appFlat.perSecond * 2));
      const overloaded = outcomes(await openLoop(askApp, overloadRate, (n) => n < overloadRate * seconds));
      measured.push({
        flatOut: { app: appFlat, bare: bareFlat, ratio: round(appFlat.perSecond / bareFlat.perSecond, 2) },
        paced: {
          rate,
          app: appPaced.answer,
          bare: barePaced.ack,
          counts: appPaced.counts,
          ratio: round(appPaced.answer.p99 / barePaced.ack.p99, 2),
        },
        overload: { rate: overloadRate, ...overloaded },
      });
      process.stderr.write(`  slack run ${run}/${runs} done\n`);
    }
    return { connections: CONNECTIONS, runs: measured };
  } finally {
    await slack.close();
  }
}

/** CONNECTIONS askers back to back for `seconds`: how many complete per second. */
async function closedLoop(ask: Ask, seconds: number) {
  const until = performance.now() + seconds * 1000;
  const done: Asked[] = [];
  const worker = async () => {
    while (performance.now() < until) done.push(await ask(performance.now()));
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const { counts } = outcomes(done);
  return { ...counts, perSecond: round((counts.answered * 1000) / (performance.now() - started), 1) };
}

/** Requests due at an even `rate` while `more(n)` holds for the nth (open loop), each timed from when it was due
 * (a late send counts its delay) or, if earlier, when it left (a wait under 1 ms is not slept; timers fire early). */
export async function openLoop(ask: Ask, rate: number, more: (n: number) => boolean): Promise<Asked[]> {
  const started = performance.now();
  const pending: Promise<Asked>[] = [];
  for (let i = 0; more(i); i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait >= 1) await sleep(wait);
    pending.push(ask(Math.min(due, performance.now())));
  }
  return Promise.all(pending);
}

/** What a batch of requests came to: ack and answer latencies, how each ended, acks past Slack's 3 s. */
function outcomes(asked: readonly Asked[]) {
  const of = (outcome: Asked["outcome"]) => asked.filter((one) => one.outcome === outcome).length;
  return {
    ack: summarize(asked.map((one) => one.ackMs)),
    answer: summarize(asked.filter((one) => one.outcome === "answer").map((one) => one.doneMs)),
    counts: { answered: of("answer") + of("ack"), notices: of("notice"), errors: of("error") },
    lateAcks: asked.filter((one) => one.ackMs > 3000).length,
  };
}
