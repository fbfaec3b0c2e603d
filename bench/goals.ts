import type { Goal, Sections } from "./results.js";
import { type Memory, short } from "./stats.js";

/** Heap growth over a soak that still counts as noise: 2 MB or 5 %, whichever is larger. */
const NOISE_MB = 2;
const NOISE_SHARE = 0.05;

/** Where the figures stand against the issue's goals; targets to report, not assertions. */
export function evaluateGoals(sections: Sections): Goal[] {
  const { core, scale, startup, slack, soak } = sections;
  const goals: Goal[] = [];
  const add = (goal: string, target: string, measured: string | null, met: boolean) =>
    goals.push({
      goal,
      target,
      measured: measured ?? "—",
      status: measured === null ? "not measured" : met ? "met" : "not met",
    });

  add(
    "Core p99, real knowledge",
    "≤ 1 ms",
    core ? `${short(core.latencyMs.p99)} ms` : null,
    (core?.latencyMs.p99 ?? 0) <= 1,
  );
  const x1000 = scale?.find((row) => row.factor === 1000);
  add(
    "Core p99 at ×1000",
    "≤ 10 ms",
    x1000 ? `${short(x1000.latencyMs.p99)} ms` : null,
    (x1000?.latencyMs.p99 ?? 0) <= 10,
  );
  add(
    "Console start-up to first answer",
    "≤ 1 s",
    startup
      ? `median ${short(startup.tsx.console.medianMs)} ms, max ${short(startup.tsx.console.maxMs)} ms` +
          (startup.bundled ? ` (bundled JS: median ${short(startup.bundled.console.medianMs)} ms)` : "")
      : null,
    (startup?.tsx.console.medianMs ?? 0) <= 1000,
  );
  if (slack) {
    const errors = slackErrors(slack);
    const { app, bare } = slack;
    add(
      "Slack ack p99 vs bare Bolt, concurrency 50",
      "≤ 1.2×, 0 errors",
      `${slack.ratio.saturatedP99}× (${short(app.saturated.latencyMs.p99)} vs ${short(bare.saturated.latencyMs.p99)} ms), ${errors} errors, ${app.saturated.late} acks > 3 s`,
      slack.ratio.saturatedP99 <= 1.2 && errors === 0 && app.saturated.late === 0,
    );
    add(
      `Slack ack p99 vs bare Bolt, both at ${slack.pacedRate} req/s`,
      "≤ 1.2×, 0 errors",
      `${slack.ratio.pacedP99}× (${short(app.paced.latencyMs.p99)} vs ${short(bare.paced.latencyMs.p99)} ms), ${app.paced.late} acks > 3 s`,
      slack.ratio.pacedP99 <= 1.2 && errors === 0 && app.paced.late === 0,
    );
  } else add("Slack ack p99 vs bare Bolt", "≤ 1.2×, 0 errors", null, false);

  const loadedRss = soak?.slack ? Math.max(...soak.slack.rssMB, soak.slack.end.rssMB) : null;
  const idle = startup
    ? `; idle after start-up ${startup.tsx.slackRssMB ?? "—"} MB with tsx${startup.bundled ? `, ${startup.bundled.slackRssMB ?? "—"} MB bundled` : ""}`
    : "";
  add(
    "RSS, real knowledge (Slack app)",
    "≤ 150 MB",
    loadedRss === null ? null : `max ${loadedRss} MB under flat-out load${idle}`,
    (loadedRss ?? 0) <= 150,
  );
  const growths: Array<{ start: Memory; end: Memory }> = [];
  if (soak?.core) growths.push(soak.core);
  if (soak?.slack) growths.push(soak.slack);
  add(
    "No growth over the soak",
    `heap after GC +≤ ${NOISE_MB} MB or ${NOISE_SHARE * 100} %`,
    growths.length > 0
      ? growths.map((part) => `${part.start.heapUsedMB} → ${part.end.heapUsedMB} MB`).join("; ")
      : null,
    growths.every((part) => grewWithinNoise(part.start, part.end)),
  );
  return goals;
}

export function slackErrors(slack: NonNullable<Sections["slack"]>): number {
  const runs = [slack.app.saturated, slack.app.paced, slack.bare.saturated, slack.bare.paced];
  const transport = runs.reduce((sum, run) => sum + run.errors + run.non2xx, 0);
  const delivery = slack.app.deliveries
    ? slack.app.deliveries.errorNotices + slack.app.deliveries.missing
    : 0;
  return transport + delivery + (slack.app.stats.logLevels.error ?? 0);
}

function grewWithinNoise(start: Memory, end: Memory): boolean {
  return end.heapUsedMB - start.heapUsedMB <= Math.max(NOISE_MB, start.heapUsedMB * NOISE_SHARE);
}
