import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/config.js";
import { BotError } from "../../src/core/errors.js";
import { describeError } from "../../src/errors.js";
import { KnowledgeError } from "../../src/knowledge/load.js";

describe("one coded error and one describer", () => {
  it("every expected failure is a BotError with its code, described by its whole message and no stack", () => {
    const long = `Invalid environment: ${"X_VARIABLE must be set; ".repeat(40)}`;
    for (const [error, code] of [
      [new ConfigError(long), "CONFIG_INVALID"],
      [new KnowledgeError("deals/uk.yaml", ["name: must not be empty"]), "KNOWLEDGE_INVALID"],
      [new BotError("ADAPTER_START_FAILED", "Slack did not start"), "ADAPTER_START_FAILED"],
    ] as const) {
      expect(error).toBeInstanceOf(BotError);
      const summary = describeError(error, { withStack: true });
      expect(summary).toMatchObject({ name: error.constructor.name, code, message: error.message });
      expect(summary.stack).toBeUndefined();
    }
  });

  it("an unexpected error keeps its stack only when asked, and never a token from a request URL", () => {
    const leaked = new Error(
      "POST https://discord.com/api/v10/interactions/123/aW50ZXJhY3Rpb24tdG9rZW4/callback",
    );
    expect(describeError(leaked).stack).toBeUndefined();
    const summary = describeError(leaked, { withStack: true });
    expect(summary.stack).toContain("errors.test.ts");
    expect(JSON.stringify(summary)).not.toContain("aW50ZXJhY3Rpb24tdG9rZW4");
    expect(summary.message).toContain("/interactions/123/[redacted]");
    expect(describeError("plain text")).toEqual({ name: "NonError", message: "plain text" });
  });
});
