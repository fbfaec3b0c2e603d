import { loadConfig, loadEnvFile } from "./config.js";
import { describeError } from "./errors.js";

/**
 * `node dist/healthcheck.js`: the container's HEALTHCHECK. Asks the running bot's GET /healthz (on
 * HEALTH_PORT when set, else the Slack HTTP port) and exits 0 only on 200. Node has fetch, so the image
 * needs no curl.
 */
async function main(): Promise<number> {
  loadEnvFile();
  const config = loadConfig();
  const port = config.healthPort ?? (config.slack?.mode === "http" ? config.slack.port : null);
  if (port === null) {
    process.stderr.write("healthcheck: no /healthz to ask: set HEALTH_PORT (Socket Mode or Discord only)\n");
    return 1;
  }
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) });
  const body = await response.text();
  process.stdout.write(`${response.status} ${body}\n`);
  return response.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`healthcheck: ${describeError(error).message}\n`);
    process.exit(1);
  },
);
