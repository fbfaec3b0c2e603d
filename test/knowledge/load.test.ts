import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KnowledgeError, loadKnowledge } from "../../src/knowledge/load.js";
import { FIXTURE_KNOWLEDGE, REAL_KNOWLEDGE } from "../helpers/bots.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "tpd-knowledge-"));
  await cp(FIXTURE_KNOWLEDGE, dir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const path = join(dir, file);
  await writeFile(path, change(await readFile(path, "utf8")));
}

async function loadError(): Promise<KnowledgeError> {
  const error = await loadKnowledge(dir).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KnowledgeError);
  return error as KnowledgeError;
}

describe("loadKnowledge", () => {
  it("loads a valid set into sources, deals, topics and passages with a content hash", async () => {
    const { knowledge } = await loadKnowledge(dir);
    expect(knowledge.deals.map((deal) => deal.id)).toEqual(["uk", "japan", "korea"]);
    expect(knowledge.passages.length).toBe(20);
    expect(knowledge.version).toMatch(/^[0-9a-f]{16}$/);
    await edit("deals/uk.yaml", (text) =>
      text.replace("Chequers on 18 September", "Chequers on 19 September"),
    );
    expect((await loadKnowledge(dir)).knowledge.version).not.toBe(knowledge.version);
  });

  it("loads knowledge that JSON keeps whole, as the snapshot npm start keeps between starts needs", async () => {
    for (const folder of [dir, REAL_KNOWLEDGE]) {
      const { knowledge } = await loadKnowledge(folder);
      expect(JSON.parse(JSON.stringify(knowledge))).toStrictEqual(knowledge);
    }
  });

  it("names the file and field of a schema error", async () => {
    await edit("sources.yaml", (text) => text.replace("https://example.org/uk", "http://example.org/uk"));
    const error = await loadError();
    expect(error.message).toMatch(/sources\.yaml: sources\.1\.url: must be an https URL/);
  });

  it("names the file and field of a bad cue list or other-language list in the vocabulary", async () => {
    await edit("vocabulary.yaml", (text) => text.replace("  when: [", "  whenever: ["));
    expect((await loadError()).message).toMatch(/vocabulary\.yaml: .*intents: .*"whenever"/);
    await edit("vocabulary.yaml", (text) =>
      text.replace("  whenever: [", "  when: [").replace("  words: [", "  words: [1, '', "),
    );
    expect((await loadError()).message).toMatch(/vocabulary\.yaml: otherLanguages\.words\.\d: /);
  });

  it("refuses a vocabulary without the cues of an intent or the other-language words, naming the field", async () => {
    const vocabulary = await readFile(join(dir, "vocabulary.yaml"), "utf8");
    const withoutSection = vocabulary.replace(/^otherLanguages:\n(?: {2}.*\n)+/m, "");
    expect(withoutSection).not.toContain("otherLanguages");
    await writeFile(join(dir, "vocabulary.yaml"), withoutSection);
    expect((await loadError()).message).toMatch(/vocabulary\.yaml: otherLanguages: is missing/);
    await writeFile(join(dir, "vocabulary.yaml"), vocabulary.replace(/^ {2}status: .*\n/m, ""));
    expect((await loadError()).message).toMatch(/vocabulary\.yaml: intents\.status: is missing/);
    await writeFile(join(dir, "vocabulary.yaml"), vocabulary.replace(/^ {2}when: \[.*\]$/m, "  when: []"));
    expect((await loadError()).message).toMatch(
      /vocabulary\.yaml: intents\.when: must list at least one phrase/,
    );
    await writeFile(
      join(dir, "vocabulary.yaml"),
      vocabulary.replace("  yesNo: [", "  yesNo: []\n  unused: ["),
    );
    expect((await loadError()).message).toMatch(/vocabulary\.yaml: otherLanguages\.yesNo: must list/);
    // The words of a question asking for a value: a list left out is named, as is a word that is no string.
    await writeFile(join(dir, "vocabulary.yaml"), vocabulary.replace(/^ {2}roles: .*\n/m, ""));
    expect((await loadError()).message).toMatch(/vocabulary\.yaml: valuesAsked\.roles: is missing/);
    await writeFile(join(dir, "vocabulary.yaml"), vocabulary.replace("  money: [", "  money: ['', "));
    expect((await loadError()).message).toMatch(/vocabulary\.yaml: valuesAsked\.money\.0: must not be empty/);
  });

  it("refuses a vocabulary without the signing words or another list the answers read, naming the field", async () => {
    const vocabulary = await readFile(join(dir, "vocabulary.yaml"), "utf8");
    expect((await loadKnowledge(dir)).knowledge.phrasing.signing).toContain("signed");
    for (const list of ["signing", "signingParties", "personalEvents", "dealNouns", "noOne", "tags"]) {
      await writeFile(
        join(dir, "vocabulary.yaml"),
        vocabulary.replace(new RegExp(`^ {2}${list}: .*\n`, "m"), ""),
      );
      expect((await loadError()).message).toMatch(`vocabulary.yaml: phrasing.${list}: is missing`);
    }
    await writeFile(
      join(dir, "vocabulary.yaml"),
      vocabulary.replace(/^ {2}signing: \[.*\]$/m, "  signing: []"),
    );
    expect((await loadError()).message).toMatch(
      "vocabulary.yaml: phrasing.signing: must list at least one word",
    );
    await writeFile(join(dir, "vocabulary.yaml"), vocabulary.replace(/^ {2}cover: .*\n/m, ""));
    expect((await loadError()).message).toMatch("vocabulary.yaml: otherLanguages.cover: is missing");
  });

  it("refuses a vocabulary without a word list the answers read or without publishers, naming the field", async () => {
    const vocabulary = await readFile(join(dir, "vocabulary.yaml"), "utf8");
    for (const list of ["whichDeal", "greetings", "offTopic", "negations", "sole", "recordAsked"]) {
      await writeFile(
        join(dir, "vocabulary.yaml"),
        vocabulary.replace(new RegExp(`^ {2}${list}: .*\n`, "m"), ""),
      );
      expect((await loadError()).message).toMatch(`vocabulary.yaml: phrasing.${list}: is missing`);
    }
    await writeFile(join(dir, "vocabulary.yaml"), vocabulary.replace(/^publishers:\n(?: {2}.*\n)+/m, ""));
    expect((await loadError()).message).toMatch("vocabulary.yaml: publishers: is missing");
    await writeFile(
      join(dir, "vocabulary.yaml"),
      vocabulary.replace(/^ {2}pauseAsked: \[/m, "  pauseAsked: [p*us, "),
    );
    expect((await loadError()).message).toMatch(
      'vocabulary.yaml: phrasing.pauseAsked.0: must be a word, or a stem with one "*" at its end',
    );
  });

  it("refuses a valuesAsked entry that would match every question, naming the field", async () => {
    const vocabulary = await readFile(join(dir, "vocabulary.yaml"), "utf8");
    for (const entry of ["'*'", "'* '", "'**'", "'de*dline'"]) {
      await writeFile(join(dir, "vocabulary.yaml"), vocabulary.replace("  time: [", `  time: [${entry}, `));
      expect((await loadError()).message).toMatch(
        'vocabulary.yaml: valuesAsked.time.0: must be a word, or a stem with one "*" at its end',
      );
    }
  });

  it("refuses a phrasing entry that holds no word, as it would match every question, naming the field", async () => {
    const vocabulary = await readFile(join(dir, "vocabulary.yaml"), "utf8");
    for (const [list, entry] of [
      ["resumeAsked", "'-*'"],
      ["offTopic", "'?'"],
      ["tags", "'%'"],
    ] as const) {
      await writeFile(
        join(dir, "vocabulary.yaml"),
        vocabulary.replace(new RegExp(`^ {2}${list}: \\[`, "m"), `  ${list}: [${entry}, `),
      );
      expect((await loadError()).message).toMatch(
        `vocabulary.yaml: phrasing.${list}.0: "${entry.slice(1, -1)}" holds no word a question could have`,
      );
    }
  });

  it("refuses a cue the question tokenizer would read otherwise, and reads aliases as questions are", async () => {
    const vocabulary = await readFile(join(dir, "vocabulary.yaml"), "utf8");
    await writeFile(join(dir, "vocabulary.yaml"), vocabulary.replace("anything new]", "what's  new]"));
    expect((await loadError()).message).toMatch(
      /vocabulary\.yaml: intents\.status\.\d+: "what's {2}new" is read from a question as "what s new"/,
    );
    // A decomposed "é" and full-width letters, as an editor may paste them, read as a question would spell them.
    await writeFile(
      join(dir, "vocabulary.yaml"),
      vocabulary
        .replace("anything new]", "anything new, Ｎｅｗｓ Ｆｅｅｄ]")
        .replace("pourquoi,", "pourquoi, ve\u0301rite\u0301,"),
    );
    const { knowledge } = await loadKnowledge(dir);
    expect(knowledge.intentCues.status).toContain("news feed");
    expect(knowledge.otherLanguages.words).toContain("v\u00e9rit\u00e9");
  });

  it("refuses a deal listed twice for one passage, naming the file and field", async () => {
    await edit("articles/article.yaml", (text) =>
      text.replace("deals: [japan, korea]", "deals: [japan, korea, japan]"),
    );
    expect((await loadError()).message).toMatch(
      /articles\/article\.yaml: passages\.0\.deals\.2: "japan" is listed more than once/,
    );
  });

  it("names a missing required field", async () => {
    await edit("deals/japan.yaml", (text) => text.replace(/^signed:.*$/m, ""));
    expect((await loadError()).message).toMatch(/deals\/japan\.yaml: signed: /);
  });

  it("refuses a place of signing without a venue, city or country, naming the field", async () => {
    await edit("deals/japan.yaml", (text) => text.replace("city: Tokyo, ", ""));
    expect((await loadError()).message).toMatch(
      /deals\/japan\.yaml: signed: must name a venue, city or country/,
    );
    await edit("deals/japan.yaml", (text) =>
      text.replace("source: japan-text", "place: Tokyo, source: japan-text"),
    );
    expect((await loadError()).message).toMatch(/deals\/japan\.yaml: signed: Unrecognized key: "place"/);
  });

  it("names an empty text", async () => {
    await edit("articles/article.yaml", (text) =>
      text.replace(/text: The United States signed[^}]*/, 'text: "  "'),
    );
    expect((await loadError()).message).toMatch(
      /articles\/article\.yaml: passages\.0\.text: must not be empty/,
    );
  });

  it("names unknown source and topic references", async () => {
    await edit("deals/korea.yaml", (text) =>
      text.replace("topics: [quantum], source: korea-text", "topics: [cooking], source: nowhere"),
    );
    const { message } = await loadError();
    expect(message).toContain('facts.3.source: unknown source "nowhere"');
    expect(message).toContain('facts.3.topics.0: unknown topic "cooking"');
  });

  it("names duplicate ids across files", async () => {
    await edit("articles/article.yaml", (text) => text.replace("id: art-intro", "id: uk-signing"));
    expect((await loadError()).message).toContain('passage ids: "uk-signing" is used more than once');
  });

  it("reports broken YAML and missing files by name", async () => {
    await writeFile(join(dir, "vocabulary.yaml"), "topics: [unclosed");
    expect((await loadError()).message).toMatch(/vocabulary\.yaml: is not valid YAML/);
    await rm(join(dir, "sources.yaml"));
    expect((await loadError()).message).toMatch(/sources\.yaml: cannot be read/);
  });

  it("rejects a deal file whose id does not match its name", async () => {
    await edit("deals/uk.yaml", (text) => text.replace("id: uk\n", "id: japan\n"));
    expect((await loadError()).message).toContain('deals/uk.yaml: id: "japan" does not match the file name');
  });
});
