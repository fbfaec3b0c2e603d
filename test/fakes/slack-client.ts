import { slackSignature } from "./slack-signing.js";

export type SentRequest = { status: number; body: string; ms: number };

export type SlackClientOptions = { baseUrl: string; signingSecret: string };

/** Sends requests the way Slack does: signed, to /slack/events, form-encoded or JSON. */
export function createSlackClient({ baseUrl, signingSecret }: SlackClientOptions) {
  const post = async (
    body: string,
    contentType: string,
    options: { timestamp?: number; signature?: string; headers?: Record<string, string> } = {},
  ): Promise<SentRequest> => {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const started = performance.now();
    const response = await fetch(`${baseUrl}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": contentType,
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": options.signature ?? slackSignature(signingSecret, timestamp, body),
        ...options.headers,
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: text, ms: performance.now() - started };
  };
  const form = "application/x-www-form-urlencoded";

  return {
    post,
    command(fields: Record<string, string>) {
      return post(new URLSearchParams(fields).toString(), form);
    },
    event(envelope: Record<string, unknown>, headers: Record<string, string> = {}) {
      return post(JSON.stringify(envelope), "application/json", { headers });
    },
    action(payload: Record<string, unknown>) {
      return post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), form);
    },
  };
}

export type SlackClient = ReturnType<typeof createSlackClient>;
