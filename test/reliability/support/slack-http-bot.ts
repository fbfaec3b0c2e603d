import { type FakeSlack, startFakeSlack } from "../../fakes/slack.js";
import { createSlackClient, type SlackClient } from "../../fakes/slack-client.js";
import { type BotProcess, botStarted, startBotProcess } from "../../helpers/bot-process.js";
import { SECRETS } from "./secrets.js";

/** The real bot process on Slack over HTTP, with its own fake Slack and a signed client for its port. */
export type SlackHttpBot = { bot: BotProcess; slack: FakeSlack; client: SlackClient; base: string };

export async function startSlackHttpBot(env: Record<string, string>): Promise<SlackHttpBot> {
  const slack = await startFakeSlack();
  const bot = startBotProcess({
    SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: "0",
    ...env,
  });
  const { slackPort } = await botStarted(bot);
  const base = `http://127.0.0.1:${slackPort}`;
  return {
    bot,
    slack,
    base,
    client: createSlackClient({ baseUrl: base, signingSecret: SECRETS.SLACK_SIGNING_SECRET }),
  };
}
