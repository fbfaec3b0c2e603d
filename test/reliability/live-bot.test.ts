import { describe, expect, it } from "vitest";
import type { Passage } from "../../src/core/model.js";
import { type LoadedKnowledge, loadKnowledge } from "../../src/knowledge/load.js";
import { createLiveBot } from "../../src/runtime/live-bot.js";
import { REAL_KNOWLEDGE } from "../helpers/bots.js";
import { createSilentLogger } from "../helpers/silent-logger.js";

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

/** Knowledge changed here has not had its words read by the loader: the bot reads them as it is built. */
const withoutWords = ({ words: _, ...loaded }: LoadedKnowledge): LoadedKnowledge => loaded;

const withPassages = (loaded: LoadedKnowledge, share: number): LoadedKnowledge => {
  const { passages } = loaded.knowledge;
  const kept = passages.slice(0, Math.floor(passages.length * share));
  return {
    ...withoutWords(loaded),
    knowledge: { ...loaded.knowledge, version: `cut-${share}`, passages: kept },
  };
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

/** The real knowledge and `copies` more of every passage under new ids: a large version to reload. */
const grown = (loaded: LoadedKnowledge, copies: number): LoadedKnowledge => {
  const { passages } = loaded.knowledge;
  const more = Array.from({ length: copies }, (_, copy) =>
    passages.map((passage) => ({ ...passage, id: `${passage.id}-copy${copy}` })),
  );
  return {
    ...withoutWords(loaded),
    knowledge: { ...loaded.knowledge, version: `grown-${copies}`, passages: [...passages, ...more.flat()] },
  };
};

describe("building a new version while the old one serves", () => {
  it("lets the event loop run while the bot is built, the old version answering until the new one is swapped in", async () => {
    const loader = await cuttingLoader();
    const live = await createLiveBot({ dir: "unused", logger: createSilentLogger(), load: loader.load });
    const before = live.info().version;
    /** Versions served on each turn of the event loop from the moment the new version is loaded. */
    const served: string[] = [];
    let reloading = true;
    const turn = () => {
      served.push(live.info().version);
      if (reloading) setImmediate(turn);
    };
    loader.cut((loaded) => {
      setImmediate(turn);
      return grown(loaded, 100);
    });
    const reloaded = await live.reload("test");
    reloading = false;
    expect(reloaded).toBe(true);
    expect(live.info().version).toBe("grown-100");
    // A build in one piece would let at most a turn or two run; this one yields every few milliseconds.
    const whileBuilding = served.filter((version) => version === before);
    expect(whileBuilding.length).toBeGreaterThanOrEqual(5);
    expect(served.slice(0, whileBuilding.length)).toEqual(whileBuilding);
  });

  it("keeps the old version serving when the new one cannot be built", async () => {
    const loader = await cuttingLoader();
    const live = await createLiveBot({ dir: "unused", logger: createSilentLogger(), load: loader.load });
    const before = live.info();
    loader.cut((loaded) => {
      const { passages } = grown(loaded, 1).knowledge;
      const broken = { ...passages[0], text: null } as unknown as Passage;
      return {
        ...withoutWords(loaded),
        knowledge: { ...loaded.knowledge, version: "broken", passages: [...passages, broken] },
      };
    });
    expect(await live.reload("test")).toBe(false);
    expect(live.info()).toMatchObject({ version: before.version, lastReload: { result: "failed" } });
    expect(live.current().answer("when was the uk deal signed?").found).toBe(true);
  });
});
