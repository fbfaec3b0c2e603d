import { describe, expect, it } from "vitest";
import { type LoadedKnowledge, loadKnowledge } from "../../src/knowledge/load.js";
import { createSilentLogger } from "../../src/logger.js";
import { createLiveBot } from "../../src/runtime/live-bot.js";
import { REAL_KNOWLEDGE } from "../helpers/bots.js";

/** A loader that hands out the real knowledge, cut down as each reload asks. */
async function cuttingLoader() {
  const full = await loadKnowledge(REAL_KNOWLEDGE);
  let keep = (loaded: LoadedKnowledge) => loaded;
  return {
    load: async () => keep(full),
    cut(change: (loaded: LoadedKnowledge) => LoadedKnowledge) {
      keep = change;
    },
  };
}

const withPassages = (loaded: LoadedKnowledge, share: number): LoadedKnowledge => {
  const { passages } = loaded.knowledge;
  const kept = passages.slice(0, Math.floor(passages.length * share));
  return { ...loaded, knowledge: { ...loaded.knowledge, version: `cut-${share}`, passages: kept } };
};

describe("the reload guard", () => {
  it("refuses a reload that keeps every deal but loses more than half the passages", async () => {
    const loader = await cuttingLoader();
    const live = await createLiveBot({ dir: "unused", logger: createSilentLogger(), load: loader.load });
    const before = live.info();

    loader.cut((loaded) => withPassages(loaded, 0.4));
    expect(await live.reload("test")).toBe(false);
    expect(live.info()).toMatchObject({ version: before.version, passages: before.passages });
    expect(live.info().lastReload).toMatchObject({
      result: "refused",
      problem: `passages down from ${before.passages} to ${Math.floor(before.passages * 0.4)}`,
    });

    loader.cut((loaded) => withPassages(loaded, 0.6));
    expect(await live.reload("test")).toBe(true);
    expect(live.info()).toMatchObject({ version: "cut-0.6", lastReload: { result: "reloaded" } });
  });

  it("accepts the same shrink when the operator allows it", async () => {
    const loader = await cuttingLoader();
    const live = await createLiveBot({
      dir: "unused",
      logger: createSilentLogger(),
      load: loader.load,
      allowShrink: true,
    });
    loader.cut((loaded) => withPassages(loaded, 0.1));
    expect(await live.reload("test")).toBe(true);
    expect(live.info().version).toBe("cut-0.1");
  });
});
