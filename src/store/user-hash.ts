import { createHmac } from "node:crypto";
import type { Platform } from "./types.js";

/** A keyed hash of a platform user id: stable per user and key, useless without the key. */
export function hashUser(secret: string, platform: Platform, userId: string): string {
  return createHmac("sha256", secret).update(`${platform}:${userId}`).digest("base64url").slice(0, 22);
}
