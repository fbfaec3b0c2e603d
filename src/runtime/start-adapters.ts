import type { Adapter } from "../adapters/adapter.js";

/** Raised when an adapter cannot connect at start-up; the message names the platform and what to check. */
export class AdapterStartError extends Error {
  readonly code = "ADAPTER_START_FAILED";
}

const CHECK: Record<Adapter["name"], string> = {
  slack: "check SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET or SLACK_APP_TOKEN, SLACK_API_URL and PORT",
  discord: "check DISCORD_TOKEN and DISCORD_API_URL",
  console: "check the terminal",
};

const LABEL: Record<Adapter["name"], string> = { slack: "Slack", discord: "Discord", console: "Console" };

/** Starts every adapter; the first failure rejects with the platform named and the variables to check. */
export async function startAdapters(adapters: readonly Adapter[]): Promise<void> {
  await Promise.all(
    adapters.map(async (adapter) => {
      try {
        await adapter.start();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new AdapterStartError(
          `${LABEL[adapter.name]} did not start: ${reason} (${CHECK[adapter.name]})`,
        );
      }
    }),
  );
}
