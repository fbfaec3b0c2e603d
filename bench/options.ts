import { parseArgs } from "node:util";

export const SECTIONS = ["core", "scale", "startup", "slack", "discord", "soak"] as const;
export type SectionName = (typeof SECTIONS)[number];

export type BenchOptions = {
  only: SectionName[];
  quick: boolean;
  out: string;
  seed: number;
  core: { rounds: number; warmupRounds: number };
  scale: { factors: number[]; queryBudgetMs: number; maxRounds: number; startupUpTo: number };
  startup: { runs: number };
  slack: { connections: number; warmupSeconds: number; seconds: number; pacedFraction: number };
  discord: { interactions: number; warmup: number };
  soak: {
    answers: number;
    slackSeconds: number;
    warmupSeconds: number;
    connections: number;
    samples: number;
  };
};

export const USAGE = `npm run bench -- [options]
  --only core,scale,...   sections to run (${SECTIONS.join(", ")}); all by default
  --quick                 a short smoke run; writes to the temp folder unless --out is given
  --out PATH              where to write the results (default bench/results.json)
  --seed N                seed of the synthetic knowledge (default 20251029)
  --core-rounds N         rounds over the golden questions (default 300)
  --factors 1,10,...      scale factors (default 1,10,100,1000)
  --scale-seconds N       time budget for answers at each scale (default 10, at least one round)
  --scale-startup-max N   largest factor also timed from YAML files and a serialized index (default 1000)
  --startup-runs N        start-ups of each kind (default 5)
  --slack-seconds N       length of each Slack load run (default 15)
  --discord-interactions N (default 300)
  --soak-answers N        answers through the core in the soak (default 100000)
  --soak-seconds N        length of the Slack soak (default 120)`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      quick: { type: "boolean", default: false },
      out: { type: "string" },
      seed: { type: "string" },
      "core-rounds": { type: "string" },
      factors: { type: "string" },
      "scale-seconds": { type: "string" },
      "scale-startup-max": { type: "string" },
      "startup-runs": { type: "string" },
      "slack-seconds": { type: "string" },
      "discord-interactions": { type: "string" },
      "soak-answers": { type: "string" },
      "soak-seconds": { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) throw new UsageError("");
  const quick = values.quick ?? false;
  const number = (name: keyof typeof values, full: number, short: number) => {
    const raw = values[name];
    if (raw === undefined) return quick ? short : full;
    const value = Number(raw);
    if (typeof raw !== "string" || !Number.isFinite(value) || value <= 0)
      throw new UsageError(`--${name} must be a positive number`);
    return value;
  };
  const only = (values.only ?? SECTIONS.join(","))
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = only.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new UsageError(`unknown section(s): ${unknown.join(", ")}`);
  const factors = (values.factors ?? (quick ? "1,10" : "1,10,100,1000")).split(",").map(Number);
  if (factors.some((factor) => !Number.isInteger(factor) || factor < 1))
    throw new UsageError("--factors must be positive integers");
  const slackSeconds = number("slack-seconds", 15, 3);
  return {
    only: only as SectionName[],
    quick,
    out: values.out ?? (quick ? "" : "bench/results.json"),
    seed: number("seed", 20251029, 20251029),
    core: { rounds: number("core-rounds", 300, 20), warmupRounds: quick ? 5 : 30 },
    scale: {
      factors,
      queryBudgetMs: number("scale-seconds", 10, 1) * 1000,
      maxRounds: 300,
      startupUpTo: number("scale-startup-max", 1000, 10),
    },
    startup: { runs: number("startup-runs", 5, 1) },
    slack: { connections: 50, warmupSeconds: quick ? 1 : 3, seconds: slackSeconds, pacedFraction: 0.5 },
    discord: { interactions: number("discord-interactions", 300, 50), warmup: quick ? 5 : 30 },
    soak: {
      answers: number("soak-answers", 100_000, 5000),
      slackSeconds: number("soak-seconds", 120, 5),
      warmupSeconds: quick ? 1 : 10,
      connections: 50,
      samples: 12,
    },
  };
}

export class UsageError extends Error {}
