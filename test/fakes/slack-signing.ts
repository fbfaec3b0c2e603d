import { createHmac } from "node:crypto";

/** Slack's request signature: v0=hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)). */
export function slackSignature(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}
