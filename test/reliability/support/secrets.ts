import { expect } from "vitest";
import type { BotProcess, LogLine } from "../../helpers/bot-process.js";

/** Credentials shaped like real ones, so any code that recognises tokens by shape sees them as tokens. */
export const SECRETS = {
  SLACK_BOT_TOKEN: "xoxb-730142-884213-ReliabilityBotTokenQz7f3c",
  SLACK_SIGNING_SECRET: "5e8c1f0a9b7d4c2e6f1a3b5c7d9e0f24",
  SLACK_APP_TOKEN: "xapp-1-A0RELIABLE-884213-AppLevelTokenWv77e1",
  DISCORD_TOKEN: "MTIzNDU2Nzg5MDEyMzQ1Njc4.GxRel1.DiscordBotTokenValue_Kp4b1c9e",
} as const;

/** Each secret, and its last 16 characters (a token cut short or re-wrapped is still a leak). */
export function secretNeedles(values: readonly string[]): string[] {
  return values.flatMap((value) => [value, value.slice(-16)]);
}

/** Every line the process wrote, on either stream, that contains one of the needles. */
export function leaks(bot: BotProcess, needles: readonly string[]): string[] {
  return [...bot.stdout, ...bot.stderr].filter((line) => needles.some((needle) => line.includes(needle)));
}

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"];

/** Every stdout line is one JSON object with a level label, an ISO time and a message. */
export function expectJsonLines(bot: BotProcess): LogLine[] {
  const lines = bot.stdout.filter((line) => line.trim() !== "");
  const parsed = lines.map((line) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`not a JSON log line: ${line.slice(0, 200)}`);
    }
    return value as LogLine;
  });
  for (const line of parsed) {
    expect(LEVELS, JSON.stringify(line).slice(0, 200)).toContain(line.level);
    expect(typeof line.time).toBe("string");
    expect(typeof line.msg).toBe("string");
  }
  return parsed;
}

/** The log line of each handled question carries what an operator needs to follow it. */
export function expectAnswerLine(line: LogLine): void {
  expect(line).toMatchObject({ level: "info", msg: "answered" });
  expect(["slack", "discord"]).toContain(line.adapter);
  expect(typeof line.requestId).toBe("string");
  expect(String(line.requestId).length).toBeGreaterThan(0);
  expect(typeof line.intent).toBe("string");
  expect(typeof line.found).toBe("boolean");
  expect(typeof line.latencyMs).toBe("number");
}
