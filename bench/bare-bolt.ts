import { App, HTTPReceiver, LogLevel } from "@slack/bolt";

/** The reference for the Slack comparison: a Bolt app in HTTP mode whose `/tpd` only acknowledges, empty. */
const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  endpoints: "/slack/events",
  customRoutes: [{ path: "/healthz", method: ["GET"], handler: (_req, res) => res.writeHead(200).end("ok") }],
});
const app = new App({
  token: process.env.SLACK_BOT_TOKEN ?? "",
  receiver,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? "" },
  convoStore: false,
});
app.command("/tpd", async ({ ack }) => {
  await ack();
});
await app.start({ port: Number(process.env.PORT), host: "127.0.0.1" });
