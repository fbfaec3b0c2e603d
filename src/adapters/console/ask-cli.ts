import { createInterface } from "node:readline";
import type { Answer } from "../../core/answer.js";
import type { Bot } from "../../core/bot.js";
import { DEAL_IDS, type DealId } from "../../core/model.js";
import { renderText } from "./render-text.js";

export const ASK_USAGE = `Usage: npm run ask -- [--json] [--offset N] [--deal uk|japan|korea] "question"
       npm run ask -- --jsonl < questions.txt   (one question per line, one JSON object per line)`;

export type AskJson = {
  query: string;
  intent: string;
  found: boolean;
  /** The one-sentence answer that comes before the excerpts ("Yes — …", "No — …", what the excerpts are). */
  lead: string;
  deals: DealId[];
  topics: string[];
  text: string;
  citations: Array<{ title: string; url: string; excerpt: string; deal: DealId | null }>;
};

type CliArgs = {
  mode: "text" | "json" | "jsonl";
  offset: number;
  deal: DealId | undefined;
  question: string;
};

export class UsageError extends Error {
  readonly code = "USAGE";
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { mode: "text", offset: 0, deal: undefined, question: "" };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--json") args.mode = "json";
    else if (arg === "--jsonl") args.mode = "jsonl";
    else if (arg === "--offset") {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0) throw new UsageError("--offset takes a whole number");
      args.offset = value;
    } else if (arg === "--deal") {
      const value = argv[++i] as DealId;
      if (!DEAL_IDS.includes(value)) throw new UsageError(`--deal takes one of ${DEAL_IDS.join(", ")}`);
      args.deal = value;
    } else if (arg === "--help" || arg === "-h") throw new UsageError(ASK_USAGE);
    else words.push(arg);
  }
  args.question = words.join(" ");
  return args;
}

const moreHint = (answer: Answer) =>
  `Next: npm run ask -- --offset ${answer.page.next} ${JSON.stringify(answer.query)}`;

export function toJson(answer: Answer): AskJson {
  const excerpts = answer.excerpts.map((excerpt) => ({
    title: excerpt.source.title,
    url: excerpt.source.url,
    excerpt: excerpt.text,
    deal: excerpt.deal,
  }));
  const items = answer.items.flatMap((item) =>
    item.source ? [{ title: item.source.title, url: item.source.url, excerpt: item.text, deal: null }] : [],
  );
  return {
    query: answer.query,
    intent: answer.intent,
    found: answer.found,
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
  const args = parseArgs(argv);
  const bot = io.getBot();
  if (args.mode === "jsonl") {
    const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      const out = `${JSON.stringify(toJson(bot.answer(line, { deal: args.deal })))}\n`;
      if (!io.stdout.write(out)) await new Promise((resolve) => io.stdout.once("drain", resolve));
    }
    return;
  }
  if (args.question.trim() === "") throw new UsageError(ASK_USAGE);
  const answer = bot.answer(args.question, { offset: args.offset, deal: args.deal });
  io.stdout.write(
    args.mode === "json" ? `${JSON.stringify(toJson(answer))}\n` : `${renderText(answer, moreHint)}\n`,
  );
}
