import { PassThrough } from "node:stream";
import { type ConsoleOptions, createConsoleAdapter } from "../../src/adapters/console/repl.js";

/** Pipes `lines` through a non-interactive console until input ends, and returns everything it printed. */
export async function consoleSession(
  lines: string,
  options: Pick<ConsoleOptions, "getBot" | "onError">,
): Promise<string> {
  const input = new PassThrough();
  let output = "";
  const console = createConsoleAdapter({
    ...options,
    input,
    output: {
      write: (chunk: string) => {
        output += chunk;
        return true;
      },
    } as unknown as NodeJS.WritableStream,
    interactive: false,
  });
  await console.start();
  const closed = new Promise<void>((resolve) => input.on("end", () => setTimeout(resolve, 20)));
  input.end(lines);
  await closed;
  await console.stop();
  return output;
}
