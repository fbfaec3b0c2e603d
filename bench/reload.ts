import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { httpRequest, round, sleep, summarize } from "./harness.js";
import { KNOWLEDGE_DIR, writeSyntheticKnowledge, yamlBytes } from "./knowledge.js";
import { APP_MAIN, startSlack } from "./slack.js";
import { openLoop } from "./slack-load.js";

/** When a probe was sent and how long it took. */
type Probe = { due: number; ms: number };

/** The app serving knowledge/ from a folder of its own, then replaced by ×`factor` knowledge: each run SIGHUPs it. */
export async function reloadSection(runs: number, factor: number) {
  const dir = await mkdtemp(join(tmpdir(), "tpd-bench-reload-"));
  await cp(KNOWLEDGE_DIR, dir, { recursive: true });
  const env = { KNOWLEDGE_DIR: dir, KNOWLEDGE_WATCH: "false", KNOWLEDGE_ALLOW_SHRINK: "true" };
  const slack = await startSlack([APP_MAIN], env);
  const [app] = slack.apps;
  /** A probe on a fresh connection, as an orchestrator's (one that fails or times out counts at the time it took),
   * and the app's last reload as it reports it. */
  const health = async () => {
    const due = performance.now();
    const { text } = await httpRequest({ port: app.port, path: "/healthz", agent: false, timeout: 30_000 });
    const body = JSON.parse(text || "{}") as { knowledge?: { lastReload?: { at: string; result: string } } };
    return { due, ms: performance.now() - due, lastReload: body.knowledge?.lastReload };
  };
  try {
    await writeSyntheticKnowledge(factor, dir);
    const measured = [];
    for (let run = 1; run <= runs; run++) {
      const before = (await health()).lastReload?.at;
      const healthz: Probe[] = [];
      let [signalled, reloaded] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
      let outcome: string | undefined;
      // Until half a second after the reload, or 5 minutes after the signal.
      const probing = () => performance.now() < Math.min(reloaded + 500, signalled + 300_000);
      // /healthz polled as an orchestrator does: the next probe 10 ms after the last one answered.
      const polling = async () => {
        while (probing()) {
          const probe = await health();
          healthz.push(probe);
          if (probe.lastReload && probe.lastReload.at !== before && !outcome)
            [outcome, reloaded] = [probe.lastReload.result, performance.now()];
          await sleep(10);
        }
      };
      // /tpd as Slack sends it: every 50 ms, whether or not the earlier ones were acknowledged.
      const probed = Promise.all([polling(), openLoop((due) => app.ask(due, false), 20, probing)]);
      await sleep(1000);
      signalled = performance.now();
      app.child.kill("SIGHUP");
      const [, acked] = await probed;
      if (outcome !== "reloaded") throw new Error(`reload ${outcome ?? "not seen in 5 minutes"}`);
      const acks = acked.map(({ due, ackMs }) => ({ due, ms: ackMs }));
      const within = (probes: Probe[], from: number, to: number) =>
        summarize(probes.filter((p) => p.due >= from && p.due <= to).map((p) => p.ms));
      measured.push({
        reloadMs: round(reloaded - signalled, 1),
        healthz: within(healthz, signalled, reloaded),
        acks: within(acks, signalled, reloaded),
        /** The floor: the same probes in the second before the reload. */
        idle: { healthz: within(healthz, 0, signalled), acks: within(acks, 0, signalled) },
      });
      process.stderr.write(`  reload run ${run}/${runs} done\n`);
    }
    return { factor, yamlMB: round((await yamlBytes(dir)) / 2 ** 20, 1), runs: measured };
  } finally {
    await slack.close();
    await rm(dir, { recursive: true, force: true });
  }
}
