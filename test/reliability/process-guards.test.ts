import { describe, expect, it, vi } from "vitest";
import type { Adapter } from "../../src/adapters/adapter.js";
import { createShutdown } from "../../src/runtime/shutdown.js";
import { runEntry } from "../helpers/run-process.js";
import { createSilentLogger } from "../helpers/silent-logger.js";
import { SECRETS } from "./support/secrets.js";

describe("errors no handler caught", () => {
  it("an unhandled rejection is one scrubbed JSON line and the process keeps serving; an uncaught exception exits 1", async () => {
    const result = await runEntry("test/reliability/support/guards-entry.ts", [SECRETS.DISCORD_TOKEN]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("");
    const lines = result.stdout
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: string; msg: string; err?: { message: string } });
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      ["error", "unhandled rejection; still serving"],
      ["info", "still serving"],
      ["fatal", "uncaught exception; exiting"],
    ]);
    expect(lines[0]?.err?.message).toBe("upstream said: bad token [redacted]");
    expect(result.stdout).not.toContain(SECRETS.DISCORD_TOKEN);
  });
});

function adapter(stop: () => Promise<void>): Adapter {
  return {
    name: "slack",
    start: async () => {},
    stop,
    health: () => ({ name: "slack", up: false, detail: "stopped" }),
  };
}

describe("createShutdown", () => {
  const deps = (stop: () => Promise<void>) => {
    const exit = vi.fn();
    const order: string[] = [];
    const shutdown = createShutdown({
      adapters: [adapter(stop)],
      logger: createSilentLogger(),
      graceMs: 1000,
      onStopping: () => order.push("stopping"),
      close: () => {
        order.push("closed");
      },
      exit,
    });
    return { shutdown, exit, order };
  };

  it("reports stopping first, stops the adapters, closes the rest, then exits 0", async () => {
    const { shutdown, exit, order } = deps(async () => {
      order.push("adapter stopped");
    });
    await shutdown("SIGTERM");
    expect(order).toEqual(["stopping", "adapter stopped", "closed"]);
    expect(exit).toHaveBeenCalledExactlyOnceWith(0);
  });

  it("exits 1 on a second signal, and when stopping overruns the grace by more than 3 s", async () => {
    vi.useFakeTimers();
    try {
      const hanging = deps(() => new Promise(() => {}));
      void hanging.shutdown("SIGTERM");
      await vi.advanceTimersByTimeAsync(3999);
      expect(hanging.exit).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(hanging.exit).toHaveBeenCalledExactlyOnceWith(1);

      const impatient = deps(() => new Promise(() => {}));
      void impatient.shutdown("SIGTERM");
      await impatient.shutdown("SIGINT");
      expect(impatient.exit).toHaveBeenCalledExactlyOnceWith(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
