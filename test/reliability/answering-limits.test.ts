import { describe, expect, it } from "vitest";
import { withBudget } from "../../src/adapters/shared/answer-budget.js";
import { createInFlight } from "../../src/adapters/shared/in-flight.js";
import { createPipeline, type Reply } from "../../src/adapters/shared/pipeline.js";
import { createWorkQueue } from "../../src/adapters/shared/work-queue.js";
import type { Bot } from "../../src/core/bot.js";
import { createLogger } from "../../src/logger.js";
import type { Surface } from "../../src/store/types.js";

const tick = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the work queue", () => {
  const limits = { concurrency: 2, maxWaiting: 2, maxWaitMs: 10_000 };

  it("lets `concurrency` work at once, keeps `maxWaiting` in order, and turns the rest away at once", async () => {
    const queue = createWorkQueue(limits);
    const started: number[] = [];
    const releases: Array<() => void> = [];
    const turns = [0, 1, 2, 3].map((n) =>
      queue.enter(Date.now())?.then((release) => {
        started.push(n);
        if (release) releases.push(release);
      }),
    );
    expect(turns.every(Boolean)).toBe(true);
    expect(queue.enter(Date.now())).toBeNull();
    await tick();
    expect(started).toEqual([0, 1]);

    releases[0]?.();
    releases[0]?.(); // a second release of the same turn frees nothing more
    await tick();
    expect(started).toEqual([0, 1, 2]);
    expect(queue.enter(Date.now())).not.toBeNull(); // a waiting place was freed
    expect(queue.enter(Date.now())).toBeNull();
  });

  it("starts each turn on a later turn of the event loop, so I/O is read between answers", async () => {
    const queue = createWorkQueue({ ...limits, concurrency: 1 });
    let began = false;
    void queue.enter(Date.now())?.then(() => {
      began = true;
    });
    await Promise.resolve();
    expect(began).toBe(false);
    await tick();
    expect(began).toBe(true);
  });

  it("turns away, instead of starting, a question that waited longer than `maxWaitMs` since it was asked", async () => {
    const queue = createWorkQueue({ concurrency: 1, maxWaiting: 10, maxWaitMs: 200 });
    const first = await queue.enter(Date.now());
    const askedEarlier = queue.enter(Date.now() - 190);
    const askedNow = queue.enter(Date.now());
    await sleep(20);
    first?.();
    // The one asked 190 ms before queueing has now waited past 200 ms; the next one has not.
    expect(await askedEarlier).toBeNull();
    const next = await askedNow;
    expect(next).toBeTypeOf("function");
    next?.();
  });

  it("while the head of the queue has waited past `maxWaitMs`, turns newcomers away at once, however short the queue", async () => {
    const queue = createWorkQueue({ concurrency: 1, maxWaiting: 10, maxWaitMs: 20 });
    const first = await queue.enter(Date.now());
    const waiting = queue.enter(Date.now());
    expect(queue.enter(Date.now())).not.toBeNull(); // two waiting, within the count and the time
    await sleep(30);
    expect(queue.enter(Date.now())).toBeNull();
    first?.();
    expect(await waiting).toBeNull();
    // The queue moves again: a question asked now gets a turn.
    const later = await queue.enter(Date.now());
    expect(later).toBeTypeOf("function");
  });

  it("tells overdue waiters 'busy' as soon as a newcomer arrives, without waiting for a slot to free", async () => {
    const queue = createWorkQueue({ concurrency: 1, maxWaiting: 10, maxWaitMs: 20 });
    const first = await queue.enter(Date.now());
    let heard: unknown = "nothing yet";
    void queue.enter(Date.now())?.then((release) => {
      heard = release;
    });
    await sleep(30);
    expect(queue.enter(Date.now())).toBeNull();
    await Promise.resolve();
    expect(heard).toBeNull(); // told while the first turn still runs
    // The stale waiter is gone: the next newcomer waits for the slot and gets it.
    const fresh = queue.enter(Date.now());
    expect(fresh).not.toBeNull();
    first?.();
    expect(await fresh).toBeTypeOf("function");
  });
});

describe("the pipeline's queue", () => {
  it("times a question's wait on this host's clock, not on the platform's (a skewed askedAt)", async () => {
    let releaseFirst = () => {};
    const firstTaken = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let takes = 0;
    const pipeline = createPipeline({
      getBot: () =>
        ({
          answer: (text: string) => ({ title: text, intent: "test", found: true, actions: {} }),
        }) as unknown as Bot,
      rateLimiter: {
        take: async () => {
          takes += 1;
          if (takes === 1) await firstTaken;
          return { allowed: true };
        },
      },
      logger: createLogger({ level: "silent", secrets: [] }),
      inFlight: createInFlight(),
      answering: { budgetMs: 2500, concurrency: 1, maxWaiting: 10, maxWaitMs: 200 },
    });
    const question = (text: string, askedAt: number) => ({
      requestId: text,
      via: "test",
      surface: "discord" as Surface,
      text,
      user: "u",
      team: null,
      awaitsReply: true,
      askedAt,
    });
    const first = recordingReply();
    const skewed = recordingReply();
    const asked = [
      pipeline.ask(question("first", Date.now()), first.reply),
      // The platform's clock is 1 s behind ours: the question has not waited at all here.
      pipeline.ask(question("second", Date.now() - 1000), skewed.reply),
    ];
    await sleep(20);
    releaseFirst();
    await Promise.all(asked);
    expect(first.sent).toEqual(["answer:first"]);
    expect(skewed.sent).toEqual(["answer:second"]);
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
