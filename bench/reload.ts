import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { httpRequest, round, sleep, summarize, timed } from "./harness.js";
import { KNOWLEDGE_DIR, syntheticKnowledge, yamlBytes } from "./knowledge.js";
import { APP_MAIN, startSlack } from "./slack.js";

type LastReload = { at: string; result: string } | undefined;

/** The app serving knowledge from a folder of its own, then replaced by ×`factor` knowledge: each run SIGHUPs it. */
export async function reloadSection(runs: number, factor: number) {
  const dir = await mkdtemp(join(tmpdir(), "tpd-bench-reload-"));
  await cp(KNOWLEDGE_DIR, dir, { recursive: true });
  const env = { KNOWLEDGE_DIR: dir, KNOWLEDGE_WATCH: "false", KNOWLEDGE_ALLOW_SHRINK: "true" };
  const slack = await startSlack([APP_MAIN], env);
  const [app] = slack.apps;
  /** A probe on a fresh connection, as an orchestrator's; one that fails or times out counts at the time it took. */
  const health = async (): Promise<[number, LastReload]> => {
    const probe = { port: app.port, path: "/healthz", agent: false, timeout: 30_000 };
    const [{ text }, ms] = await timed(() => httpRequest(probe));
    const body = JSON.parse(text || "{}") as { knowledge?: { lastReload?: LastReload } };
    return [ms, body.knowledge?.lastReload];
  };
  try {
    await rm(dir, { recursive: true });
    await cp(await syntheticKnowledge(factor), dir, { recursive: true });
    const measured = [];
    for (let run = 1; run <= runs; run++) {
      const before = (await health())[1]?.at;
      let reloaded: LastReload;
      let sentAt = Number.POSITIVE_INFINITY;
      let doneAt = Number.POSITIVE_INFINITY;
      /** Probes until half a second after the reload: one after another, or (`overlap`) without waiting. */
      const every = async (everyMs: number, overlap: boolean, probe: () => Promise<number>) => {
        const timed: Promise<[number, number]>[] = [];
        while (performance.now() < doneAt + 500) {
          const due = performance.now();
          const answered = probe().then((ms): [number, number] => [due, ms]);
          timed.push(answered);
          if (!overlap) await answered;
          if (due > sentAt + 300_000) throw new Error("the reload did not finish in 5 minutes");
          await sleep(everyMs);
        }
        const all = await Promise.all(timed);
        const within = (from: number, to: number) =>
          summarize(all.filter(([due]) => due >= from && due <= to).map(([, ms]) => ms));
        return { during: within(sentAt, doneAt), idle: within(0, sentAt) };
      };
      // /healthz as a probe polls it; /tpd as Slack sends it, whether or not earlier ones were answered.
      const probing = every(10, false, async () => {
        const [ms, last] = await health();
        if (last && last.at !== before && doneAt === Number.POSITIVE_INFINITY) {
          reloaded = last;
          doneAt = performance.now();
        }
        return ms;
      });
      const acking = every(50, true, async () => (await app.ask(performance.now(), false)).ackMs);
      await sleep(1000);
      sentAt = performance.now();
      app.child.kill("SIGHUP");
      const [healthz, acks] = await Promise.all([probing, acking]);
      const outcome = reloaded as LastReload;
      if (outcome?.result !== "reloaded") throw new Error(`reload ${outcome?.result ?? "not seen"}`);
      measured.push({
        reloadMs: round(doneAt - sentAt, 1),
        healthz: healthz.during,
        acks: acks.during,
        /** The floor: the same probes in the second before the reload. */
        idle: { healthz: healthz.idle, acks: acks.idle },
      });
      process.stderr.write(`  reload run ${run}/${runs} done\n`);
    }
    return { factor, yamlMB: round((await yamlBytes(dir)) / 2 ** 20, 1), runs: measured };
  } finally {
    await slack.close();
    await rm(dir, { recursive: true, force: true });
  }
}
