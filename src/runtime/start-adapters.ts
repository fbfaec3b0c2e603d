import type { Adapter } from "../adapters/adapter.js";
import { BotError } from "../core/errors.js";
import { describeError } from "../errors.js";

const CHECK: Record<Adapter["name"], string> = {
  slack: "check SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET or SLACK_APP_TOKEN, SLACK_API_URL and PORT",
  discord: "check DISCORD_TOKEN and DISCORD_API_URL",
  console: "check the terminal",
};

const LABEL: Record<Adapter["name"], string> = { slack: "Slack", discord: "Discord", console: "Console" };

/** Starts every adapter; the first failure rejects (ADAPTER_START_FAILED) naming the platform and what to check. */
export async function startAdapters(adapters: readonly Adapter[]): Promise<void> {
  await Promise.all(
    adapters.map(async (adapter) => {
      try {
        await adapter.start();
      } catch (error) {
        const { message } = describeError(error);
        throw new BotError(
          "ADAPTER_START_FAILED",
          `${LABEL[adapter.name]} did not start: ${message} (${CHECK[adapter.name]})`,
        );
      }
    }),
  );
}
