import { existsSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig, loadEnvFile, secretsOf } from "./config.js";
import { BotError } from "./core/errors.js";
import { describeError, exitQuietlyWhenStdoutCloses, scrub } from "./errors.js";
import { openStore } from "./store/open.js";
import { buildReport } from "./store/report/build.js";
import { renderHtml } from "./store/report/html.js";
import { renderCsv, renderTable } from "./store/report/text.js";

const USAGE = `usage: npm run report -- [--json | --csv] [--since 30d] [--html FILE]
  (default)     tables for the terminal
  --json        the report as one JSON object
  --csv         the report as one CSV table (section,key,count,total,rate,text,note)
  --since SPAN  only the last 30d, 12h, 2w … or since a date such as 2025-11-01 (default: everything kept)
  --html FILE   also write a self-contained HTML page with charts to FILE`;

const SPAN = /^(\d+)([hdw])$/;
const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** `--since` as a time: a span back from now, or a calendar date (UTC). */
function parseSince(value: string, now: number): number {
  const span = SPAN.exec(value);
  if (span) return now - Number(span[1]) * UNIT_MS[span[2] as keyof typeof UNIT_MS];
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  throw new BotError("USAGE", `--since: expected 30d, 12h, 2w or a date such as 2025-11-01, got "${value}"`);
}

function parse(argv: string[]) {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        json: { type: "boolean", default: false },
        csv: { type: "boolean", default: false },
        since: { type: "string" },
        html: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
    });
    if (values.json && values.csv) throw new BotError("USAGE", "choose one of --json and --csv");
    return values;
  } catch (error) {
    throw error instanceof BotError ? error : new BotError("USAGE", describeError(error).message);
  }
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const now = Date.now();
  const since = options.since === undefined ? null : parseSince(options.since, now);
  loadEnvFile();
  const all = loadConfig();
  secrets.push(...secretsOf(all));
  const config = all.store;
  const report = await (async () => {
    if (!config.databaseUrl && !existsSync(config.sqliteFile)) {
      process.stderr.write(`No question log yet at ${config.sqliteFile}: the report is empty.\n`);
      return buildReport([], [], { since, now });
    }
    const store = openStore(config);
    try {
      await store.migrate();
      const [questions, votes] = await Promise.all([
        store.questionsSince(since ?? 0),
        store.votesSince(since ?? 0),
      ]);
      return buildReport(questions, votes, { since, now });
    } finally {
      await store.close();
    }
  })();
  if (options.html) {
    writeFileSync(options.html, renderHtml(report));
    process.stderr.write(`Wrote ${options.html}\n`);
  }
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (options.csv) process.stdout.write(renderCsv(report));
  else if (!options.html) process.stdout.write(renderTable(report));
}

const secrets: string[] = [];
exitQuietlyWhenStdoutCloses();
main().catch((error: unknown) => {
  if (error instanceof BotError && error.code === "USAGE") {
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const { message } = describeError(error);
  process.stderr.write(`tpd-bot report: cannot read the question log: ${scrub(message, secrets)}\n`);
  process.exit(1);
});
