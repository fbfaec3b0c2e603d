import type { IncomingMessage } from "node:http";
import { type ParsedUrlQuery, parse as parseForm } from "node:querystring";
import { verifySlackRequest } from "@slack/bolt";

/** Slack's replay window: a request stamped further from now than this, either way, is refused. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
/** Bolt's own limit for an event body. */
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

type Refusal = { status: 400 | 401 | 413; reason: string };
/** A request that may go on, with its form fields when it is form-encoded (a command, an interaction). */
type Passed = { form: ParsedUrlQuery | null };

type BufferedRequest = IncomingMessage & { rawBody?: Buffer };

/**
 * Checks a POST to the events endpoint before Bolt sees it: the only check of its signature (Bolt's own is
 * off, see app.ts), a timestamp within five minutes either way (Bolt refuses only old ones) and a signed
 * body that is an object (a JSON `null` makes Bolt throw after verification and leaves the request without
 * an answer). When the request may go on, its body is buffered on `rawBody`, where Bolt reads it.
 */
export async function checkSlackRequest(
  request: BufferedRequest,
  signingSecret: string,
  nowMs: number = Date.now(),
): Promise<Refusal | Passed> {
  const stamp = header(request, "x-slack-request-timestamp");
  if (stamp !== null && !withinWindow(stamp, nowMs)) {
    return { status: 401, reason: "timestamp outside the five-minute window" };
  }
  let body: Buffer;
  try {
    body = await readBody(request);
  } catch (error) {
    return error instanceof BodyTooLarge
      ? { status: 413, reason: "body too large" }
      : { status: 400, reason: "body could not be read" };
  }
  request.rawBody = body;
  const text = body.toString("utf8");
  const fields =
    (request.headers["content-type"] ?? "") === "application/x-www-form-urlencoded" ? parseForm(text) : null;
  if (fields?.ssl_check === "1") {
    // Slack's unsigned SSL check, which Bolt answers without looking further; nothing else in its body
    // (a smuggled payload) may reach Bolt unsigned.
    request.rawBody = Buffer.from("ssl_check=1");
    return { form: { ssl_check: "1" } };
  }

  if (stamp === null) return { status: 401, reason: "unsigned" };
  try {
    // Bolt's own verifier (HMAC-SHA256 of `v0:{timestamp}:{body}`, compared in constant time), called here once.
    verifySlackRequest({
      signingSecret,
      body: text,
      headers: {
        "x-slack-signature": header(request, "x-slack-signature") ?? "",
        "x-slack-request-timestamp": Number(stamp),
      },
      nowMilliseconds: nowMs,
    });
  } catch {
    return { status: 401, reason: "bad signature" };
  }
  return isObjectBody(text, fields) ? { form: fields } : { status: 400, reason: "body is not an object" };
}

function withinWindow(stamp: string, nowMs: number): boolean {
  if (!/^\d{1,12}$/.test(stamp)) return false;
  return Math.abs(Math.floor(nowMs / 1000) - Number(stamp)) <= MAX_CLOCK_SKEW_SECONDS;
}

/** A JSON body, or a form's `payload` field when it has one, must parse to an object; other forms pass. */
function isObjectBody(text: string, form: ParsedUrlQuery | null): boolean {
  const json = form ? form.payload : text;
  if (typeof json !== "string") return json === undefined;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  return typeof value === "string" ? value : null;
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        chunks.length = 0;
        request.removeAllListeners("data");
        request.resume(); // discard the rest, so the refusal can still be sent
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}
