import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { httpRequest, round, sleep, summarize } from "./harness.js";
import { KNOWLEDGE_DIR, syntheticKnowledge, yamlBytes } from "./knowledge.js";
import { APP_MAIN, startSlack } from "./slack.js";

type LastReload = { at: string; result: string } | undefined;
/** A probe's kind, when it was sent and how long it took. */
type Probe = { kind: "healthz" | "ack"; due: number; ms: number };

/** The app serving knowledge/ from a folder of its own, then replaced by ×`factor` knowledge: each run SIGHUPs it. */
export async function reloadSection(runs: number, factor: number) {
  const dir = await mkdtemp(join(tmpdir(), "tpd-bench-reload-"));
  await cp(KNOWLEDGE_DIR, dir, { recursive: true });
  const env = { KNOWLEDGE_DIR: dir, KNOWLEDGE_WATCH: "false", KNOWLEDGE_ALLOW_SHRINK: "true" };
  const slack = await startSlack([APP_MAIN], env);
  const [app] = slack.apps;
  /** A probe on a fresh connection, as an orchestrator's; one that fails or times out counts at the time it took. */
  const health = async (): Promise<[number, LastReload]> => {
    const sent = performance.now();
    const { text } = await httpRequest({ port: app.port, path: "/healthz", agent: false, timeout: 30_000 });
    const body = JSON.parse(text || "{}") as { knowledge?: { lastReload?: LastReload } };
    return [performance.now() - sent, body.knowledge?.lastReload];
  };
  try {
    await rm(dir, { recursive: true });
    await cp(await syntheticKnowledge(factor), dir, { recursive: true });
    const measured = [];
    for (let run = 1; run <= runs; run++) {
      const before = (await health())[1]?.at;
      const probes: Probe[] = [];
      let [signalled, reloaded] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
      let outcome = undefined as LastReload;
      // Until half a second after the reload, or 5 minutes after the signal.
      const probing = () => performance.now() < Math.min(reloaded + 500, signalled + 300_000);
      // /healthz polled as an orchestrator does: the next probe 10 ms after the last one answered.
      const polling = async () => {
        for (let due = performance.now(); probing(); due = performance.now()) {
          const [ms, last] = await health();
          probes.push({ kind: "healthz", due, ms });
          if (last && last.at !== before && !outcome) [outcome, reloaded] = [last, performance.now()];
          await sleep(10);
        }
      };
      // /tpd as Slack sends it: every 50 ms, whether or not the earlier ones were acknowledged.
      const acking = async () => {
        const sent: Promise<number>[] = [];
        for (let due = performance.now(); probing(); due = performance.now()) {
          sent.push(app.ask(due, false).then(({ ackMs }) => probes.push({ kind: "ack", due, ms: ackMs })));
          await sleep(50);
        }
        await Promise.all(sent);
      };
      const probed = Promise.all([polling(), acking()]);
      await sleep(1000);
      signalled = performance.now();
      app.child.kill("SIGHUP");
      await probed;
      if (outcome?.result !== "reloaded")
        throw new Error(`reload ${outcome?.result ?? "not seen in 5 minutes"}`);
      const within = (kind: Probe["kind"], from: number, to: number) =>
        summarize(probes.filter((p) => p.kind === kind && p.due >= from && p.due <= to).map((p) => p.ms));
      measured.push({
        reloadMs: round(reloaded - signalled, 1),
        healthz: within("healthz", signalled, reloaded),
        acks: within("ack", signalled, reloaded),
        /** The floor: the same probes in the second before the reload. */
        idle: { healthz: within("healthz", 0, signalled), acks: within("ack", 0, signalled) },
      });
      process.stderr.write(`  reload run ${run}/${runs} done\n`);
    }
    return { factor, yamlMB: round((await yamlBytes(dir)) / 2 ** 20, 1), runs: measured };
  } finally {
    await slack.close();
    await rm(dir, { recursive: true, force: true });
  }
}
