import { describe, expect, it } from "vitest";
import { withBudget } from "../../src/adapters/shared/answer-budget.js";
import type { Reply } from "../../src/adapters/shared/pipeline.js";
import { createWorkQueue } from "../../src/adapters/shared/work-queue.js";

const tick = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the work queue", () => {
  it("lets `concurrency` work at once, keeps `maxWaiting` in order, and turns the rest away at once", async () => {
    const queue = createWorkQueue({ concurrency: 2, maxWaiting: 2 });
    const started: number[] = [];
    const releases: Array<() => void> = [];
    const turns = [0, 1, 2, 3].map((n) =>
      queue.enter()?.then((release) => {
        started.push(n);
        releases.push(release);
      }),
    );
    expect(turns.every(Boolean)).toBe(true);
    expect(queue.enter()).toBeNull();
    await tick();
    expect(started).toEqual([0, 1]);

    releases[0]?.();
    releases[0]?.(); // a second release of the same turn frees nothing more
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect(queue.enter()).not.toBeNull(); // a waiting place was freed
    expect(queue.enter()).toBeNull();
  });

  it("starts each turn on a later turn of the event loop, so I/O is read between answers", async () => {
    const queue = createWorkQueue({ concurrency: 1, maxWaiting: 10 });
    let began = false;
    void queue.enter()?.then(() => {
      began = true;
    });
    await Promise.resolve();
    expect(began).toBe(false);
    await tick();
    expect(began).toBe(true);
  });
});

function recordingReply(holdMs = 0) {
  const sent: string[] = [];
  const reply: Reply<string> = {
    render: (answer) => answer.title,
    answer: async (message) => {
      sent.push(`answer:${message}`);
    },
    notice: async (text) => {
      sent.push(`notice:${text}`);
    },
    hold: async (text) => {
      await sleep(holdMs);
      sent.push(`hold:${text}`);
    },
  };
  return { reply, sent };
}

describe("the answer budget", () => {
  const budget = (budgetMs: number, since = Date.now()) => ({
    budgetMs,
    since,
    text: "Working on it…",
    onHoldFailed: () => {},
  });

  it("sends no hold when the answer is ready within the budget", async () => {
    const { reply, sent } = recordingReply();
    const budgeted = withBudget(reply, budget(50));
    await budgeted.answer("A");
    await sleep(80);
    expect(sent).toEqual(["answer:A"]);
    expect(budgeted.held).toBe(false);
  });

  it("holds at the budget, counted from when the question was asked, and the answer waits for the hold", async () => {
    const { reply, sent } = recordingReply(40);
    const budgeted = withBudget(reply, budget(30, Date.now() - 20));
    await sleep(15);
    // The hold started (10 ms after) and is still being sent: the answer goes after it, never before.
    await budgeted.answer("A");
    expect(sent).toEqual(["hold:Working on it…", "answer:A"]);
    expect(budgeted.held).toBe(true);
  });

  it("a reply without hold is never held", async () => {
    const { reply, sent } = recordingReply();
    const { hold: _dropped, ...plain } = reply;
    const budgeted = withBudget(plain, budget(0));
    await sleep(20);
    await budgeted.notice("busy", "busy");
    expect(sent).toEqual(["notice:busy"]);
    budgeted.cancel();
  });
});
