import { createLogger } from "../../../src/logger.js";

/**
 * A process whose real logger is given a multi-line secret (argv[2]) and then logs it in every form an
 * upstream error can carry: raw, one line at a time, JSON-escaped once and twice, URL-encoded.
 */
const secret = process.argv[2] ?? "";
const logger = createLogger({ level: "info", secrets: [secret] });
const json = JSON.stringify(secret);
logger.error({ err: new Error(`Headers.append: "Bearer ${secret}" is an invalid header value.`) }, "raw");
for (const line of secret.split("\n")) logger.warn(`upstream echoed one line: ${line}`);
logger.error({ body: json }, "JSON-escaped");
logger.error({ err: `request failed with body {"error":${json}}` }, "JSON-escaped twice");
logger.error({ url: `https://slack.test/api/auth.test?token=${encodeURIComponent(secret)}` }, "URL-encoded");
const form = new URLSearchParams({ token: secret }).toString();
logger.error(
  { form: form.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase()) },
  "form-encoded, lower-case hex",
);
logger.info("done");
