import { MENTION } from "../core/normalize.js";

/** Longest question text or note stored, in characters. */
export const MAX_STORED_TEXT = 500;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// A run of digits with the separators phone numbers are written with; counted below.
const PHONE_LIKE = /\+?\(?\d[\d ().-]{5,}\d/g;
const DATE_LIKE = /^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$/;

/** Removes what identifies a person from text before it is stored: mentions, emails and phone numbers. */
export function redact(text: string): string {
  const redacted = text
    .replace(MENTION, "[mention]")
    .replace(EMAIL, "[email]")
    .replace(PHONE_LIKE, (match) => (looksLikePhone(match) ? "[phone]" : match));
  return Array.from(redacted).slice(0, MAX_STORED_TEXT).join("");
}

function looksLikePhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, "").length;
  // 7 to 15 digits (E.164), but not a date such as 2025-10-28 or a pair of years.
  return (
    digits >= 7 && digits <= 15 && !DATE_LIKE.test(candidate.trim()) && !/^\d{4}\s+\d{4}$/.test(candidate)
  );
}
