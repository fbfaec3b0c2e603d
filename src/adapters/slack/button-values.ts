import { z } from "zod";

const BUTTON_VALUE_MAX = 2000;

/**
 * What a button carries so the app stays stateless: the question, and for "More results" where the
 * next page starts and its deal. Slack caps a button value at 2000 characters.
 */
const schema = z.object({
  q: z.string().max(BUTTON_VALUE_MAX),
  o: z.number().int().min(0).max(10_000).optional(),
  d: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .optional(),
});
type ButtonValue = z.infer<typeof schema>;

/** JSON with `<`, `>`, `&` as \u escapes, so no Slack markup (e.g. `<!channel>`) ever sits in a payload. */
function toJson(value: ButtonValue): string {
  return JSON.stringify(value).replace(
    /[<>&]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Encodes a value, shortening the question if needed so the JSON fits `max` characters. */
export function encodeButtonValue(value: ButtonValue, max = BUTTON_VALUE_MAX): string {
  let encoded = toJson(value);
  if (encoded.length <= max) return encoded;
  const chars = Array.from(value.q);
  let keep = chars.length;
  while (keep > 0 && encoded.length > max) {
    keep = Math.floor(keep * 0.8);
    encoded = toJson({ ...value, q: chars.slice(0, keep).join("") });
  }
  return encoded.length <= max ? encoded : toJson({ q: "" });
}

export function decodeButtonValue(raw: unknown): ButtonValue | null {
  if (typeof raw !== "string" || raw.length > BUTTON_VALUE_MAX) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
