/** What a log line may say about an error: name, a scrubbed message and its code, never request objects. */
export type ErrorSummary = { name: string; message: string; code?: string | number; platformError?: string };

/**
 * Platform clients put request details in errors: discord.js REST errors carry the request URL (interaction
 * webhook URLs embed the interaction token), Slack's carry `data.error`. Only safe parts are kept.
 */
export function describeError(error: unknown): ErrorSummary {
  if (!(error instanceof Error)) return { name: "NonError", message: scrub(String(error)) };
  const { code, data } = error as Error & { code?: unknown; data?: { error?: unknown } };
  return {
    name: error.name,
    message: scrub(error.message),
    ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
    ...(typeof data?.error === "string" ? { platformError: data.error } : {}),
  };
}

function scrub(text: string): string {
  return text.replace(/\/(webhooks|interactions)\/(\d+)\/[^/\s?]+/g, "/$1/$2/[redacted]").slice(0, 500);
}
