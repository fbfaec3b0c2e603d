import { createInterface } from "node:readline";
import { type Answer, excerptsOf } from "../../core/answer.js";
import type { Bot } from "../../core/bot.js";
import { BotError } from "../../core/errors.js";
import type { DealId } from "../../core/model.js";
import { renderText } from "./render-text.js";

/** The usage text, naming the deals the knowledge holds. */
function askUsage(dealIds: readonly DealId[]): string {
  return `Usage: npm run ask -- [--json] [--offset N] [--deal ${dealIds.join("|")}] "question"
       npm run ask -- --jsonl < questions.txt   (one question per line, one JSON object per line)`;
}

type CliArgs = {
  mode: "text" | "json" | "jsonl";
  offset: number;
  deal: DealId | undefined;
  question: string;
};

/** A bad command line; `usage` is printed after the message. */
export class UsageError extends BotError {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super("USAGE", message);
  }
}

export function parseArgs(argv: readonly string[], dealIds: readonly DealId[]): CliArgs {
  const usage = askUsage(dealIds);
  const args: CliArgs = { mode: "text", offset: 0, deal: undefined, question: "" };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--json") args.mode = "json";
    else if (arg === "--jsonl") args.mode = "jsonl";
    else if (arg === "--offset") {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0) throw new UsageError("--offset takes a whole number", usage);
      args.offset = value;
    } else if (arg === "--deal") {
      const value = argv[++i] ?? "";
      if (!dealIds.includes(value)) throw new UsageError(`--deal takes one of ${dealIds.join(", ")}`, usage);
      args.deal = value;
    } else if (arg === "--help" || arg === "-h") throw new UsageError("", usage);
    else words.push(arg);
  }
  args.question = words.join(" ");
  return args;
}

const moreHint = (answer: Answer) =>
  `Next: npm run ask -- --offset ${answer.page.next} ${JSON.stringify(answer.query)}`;

/** One answer as `--json` prints it. */
export function toJson(answer: Answer) {
  const excerpts = excerptsOf(answer).map((excerpt) => ({
    title: excerpt.source.title,
    url: excerpt.source.url,
    excerpt: excerpt.text,
    deal: excerpt.deal,
  }));
  const listed = answer.body.kind === "list" ? answer.body.items : [];
  const items = listed.flatMap((item) =>
    item.source
      ? [{ title: item.source.title, url: item.source.url, excerpt: item.text, deal: null as DealId | null }]
      : [],
  );
  return {
    query: answer.query,
    intent: answer.intent,
    found: answer.found,
    /** The one-sentence answer that comes before the excerpts ("Yes — …", "No — …", what the excerpts are). */
    lead: answer.lead,
    deals: answer.deals,
    topics: answer.topics,
    text: renderText(answer, moreHint),
    citations: [...excerpts, ...items],
  };
}

/** The `ask` command: one question from the arguments, or one per stdin line with --jsonl. */
export async function runAskCli(
  argv: readonly string[],
  io: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; getBot: () => Bot },
): Promise<void> {
  const bot = io.getBot();
  const dealIds = bot.deals.map((deal) => deal.id);
  const args = parseArgs(argv, dealIds);
  if (args.mode === "jsonl") {
    const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      const out = `${JSON.stringify(toJson(bot.answer(line, { deal: args.deal })))}\n`;
      if (!io.stdout.write(out)) await new Promise((resolve) => io.stdout.once("drain", resolve));
    }
    return;
  }
  if (args.question.trim() === "") throw new UsageError("", askUsage(dealIds));
  const answer = bot.answer(args.question, { offset: args.offset, deal: args.deal });
  io.stdout.write(
    args.mode === "json" ? `${JSON.stringify(toJson(answer))}\n` : `${renderText(answer, moreHint)}\n`,
  );
}
