import { createInterface } from "node:readline";
import type { Answer } from "../../core/answer.js";
import type { Bot } from "../../core/bot.js";
import { contextOf } from "../../core/follow-up.js";
import type { Adapter } from "../adapter.js";
import { NOTICES } from "../shared/notices.js";
import { renderText } from "./render-text.js";

export type ConsoleOptions = {
  getBot: () => Bot;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Show a prompt and greeting (an interactive terminal) or just answers (piped input). */
  interactive: boolean;
  /** Called when input ends (Ctrl-D or end of a pipe). */
  onClose?: () => void;
  /** Told of an error from answering; the person sees the shared error notice and can ask again. */
  onError?: (error: unknown) => void;
};

const CONNECT_HINT =
  "To connect Slack or Discord, set SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN) or DISCORD_TOKEN; see README.md.";

/** A local read-answer loop: each line is a question or a follow-up; "more" shows the next excerpts of the last answer. */
export function createConsoleAdapter(options: ConsoleOptions): Adapter {
  let reader: ReturnType<typeof createInterface> | null = null;
  let last: Answer | null = null;
  const write = (text: string) => options.output.write(`${text}\n`);
  const moreHint = () => "Type “more” for the next.";

  const handle = (line: string) => {
    const question = line.trim();
    if (question === "") return;
    if (/^(quit|exit)$/i.test(question)) {
      reader?.close();
      return;
    }
    // One person at one terminal: the previous answer is the conversation's context ("and japan?", "more").
    try {
      last = options.getBot().answer(question, last ? { context: contextOf(last) } : {});
      write(`${renderText(last, moreHint)}\n`);
    } catch (error) {
      options.onError?.(error);
      write(`${NOTICES.error}\n`);
    }
  };

  return {
    name: "console",
    async start() {
      reader = createInterface({
        input: options.input,
        terminal: false,
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      if (options.interactive) {
        const example = options.getBot().suggest("", 1)[0]?.query ?? "deals";
        write(
          `tpd-bot: ask about the Technology Prosperity Deals (try “${example}”, “help”; Ctrl-D to quit).`,
        );
        write(CONNECT_HINT);
        options.output.write("tpd> ");
      } else {
        write(CONNECT_HINT);
      }
      reader.on("line", (line) => {
        handle(line);
        if (options.interactive) options.output.write("tpd> ");
      });
      reader.on("close", () => {
        reader = null;
        options.onClose?.();
      });
    },
    async stop() {
      reader?.close();
    },
    health() {
      return { name: "console", up: reader !== null, detail: reader ? "reading input" : "closed" };
    },
  };
}
