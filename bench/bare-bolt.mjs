import { App, LogLevel } from "@slack/bolt";

/** The reference for the Slack comparison: a Bolt app in HTTP mode whose `/tpd` only acknowledges, empty. */
const app = new App({
  token: process.env.SLACK_BOT_TOKEN ?? "",
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  customRoutes: [{ path: "/healthz", method: ["GET"], handler: (_req, res) => res.writeHead(200).end("ok") }],
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL ?? "" },
  convoStore: false,
});
app.command("/tpd", async ({ ack }) => ack());
await app.start({ port: Number(process.env.PORT), host: "127.0.0.1" });
