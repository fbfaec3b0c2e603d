import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { afterEach, describe, expect, it } from "vitest";
import { passageCitation } from "../../src/core/citation.js";
import { knowledgeAdd } from "../../src/knowledge/import/command.js";
import { readHtml } from "../../src/knowledge/import/html.js";
import { readMarkdown } from "../../src/knowledge/import/markdown.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { type ArticleFile, articleFileSchema } from "../../src/knowledge/schema.js";
import { FIXTURE_KNOWLEDGE, REAL_KNOWLEDGE } from "../helpers/bots.js";
import { runEntry } from "../helpers/run-process.js";

const seed = (ext: "md" | "html") =>
  fileURLToPath(new URL(`../fixtures/seed/white-house-2025-10-29-tpd-japan-korea.${ext}`, import.meta.url));
const SEED_ID = "wh-article-japan-korea";
const HAND_MADE = join(REAL_KNOWLEDGE, "articles", `${SEED_ID}.yaml`);
/** The seed article into `dir` under its real source id; its front matter gives the title, URL and date. */
const seedArgs = (dir: string) => [
  "--knowledge",
  dir,
  "--id",
  SEED_ID,
  "--publisher",
  "The White House",
  seed("md"),
];

const temporary: string[] = [];
afterEach(async () => {
  await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tpd-import-"));
  temporary.push(dir);
  return dir;
}

/** A throwaway copy of a knowledge folder. */
async function copyOf(knowledge: string): Promise<string> {
  const dir = join(await tempDir(), "knowledge");
  await cp(knowledge, dir, { recursive: true });
  return dir;
}

/** Every file under `dir`, by relative path, as bytes: to prove what a run changed. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return new Map(
    await Promise.all(
      files.map(
        async (file) => [file.slice(dir.length + 1), (await readFile(file)).toString("base64")] as const,
      ),
    ),
  );
}

async function add(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await knowledgeAdd(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

const articleFile = async (path: string): Promise<ArticleFile> =>
  articleFileSchema.parse(yaml.load(await readFile(path, "utf8")));

describe("knowledge:add with the seed article", () => {
  it("imports it passage by passage as the hand-made article file has it", async () => {
    const handMade = await articleFile(HAND_MADE);
    const dir = await copyOf(REAL_KNOWLEDGE);
    await rm(join(dir, "articles", `${SEED_ID}.yaml`));
    const sourcesBefore = await readFile(join(dir, "sources.yaml"), "utf8");

    const run = await add(seedArgs(dir));
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toContain(`source "${SEED_ID}" is already in`);
    expect(run.out).toContain(`added 15 passages to ${join(dir, "articles", `${SEED_ID}.yaml`)}`);
    // The source was matched, not added: sources.yaml is untouched.
    expect(await readFile(join(dir, "sources.yaml"), "utf8")).toBe(sourcesBefore);

    const imported = await articleFile(join(dir, "articles", `${SEED_ID}.yaml`));
    expect(imported.source).toBe(handMade.source);
    expect(imported.passages).toHaveLength(handMade.passages.length);
    imported.passages.forEach((passage, i) => {
      const hand = handMade.passages[i];
      // Compared exactly: the words, what the passage speaks to, and where in the page it stands.
      expect(passage.text, hand?.id).toBe(hand?.text);
      expect(passage.section, hand?.id).toBe(hand?.section);
      expect(passage.ref, hand?.id).toBe(hand?.ref);
      // Different on purpose: the hand-made ids are chosen names ("jk-japan-6g"), and its deals and topics
      // were tagged per passage by an editor; an import numbers its passages after the source and leaves
      // deals and topics for the editor (here none were given).
      expect(passage.id).toBe(`${SEED_ID}-${i + 1}`);
      expect(passage.deals).toEqual([]);
      expect(passage.topics).toEqual([]);
    });
    expect(handMade.passages.map((passage) => passage.id)).not.toContain(`${SEED_ID}-1`);

    // The result loads, and the loader reads the same words back as quotes of the source.
    const { knowledge } = await loadKnowledge(dir);
    const quotes = knowledge.passages.filter(
      (passage) => passage.sourceId === SEED_ID && passage.kind === "quote",
    );
    expect(quotes.map((passage) => passage.text)).toEqual(handMade.passages.map((passage) => passage.text));
  });

  it("finds nothing to add to the real knowledge, which already quotes it", async () => {
    const dir = await copyOf(REAL_KNOWLEDGE);
    const before = await snapshot(dir);
    const run = await add(seedArgs(dir));
    expect(run.code).toBe(0);
    expect(run.out).toContain("nothing to add");
    expect(await snapshot(dir)).toEqual(before);
  });

  it("reads the same page saved as HTML into the same passages", async () => {
    const markdown = readMarkdown(await readFile(seed("md"), "utf8"));
    const html = readHtml(await readFile(seed("html"), "utf8"));
    expect(html.blocks).toHaveLength(15);
    expect(html.blocks).toEqual(markdown.blocks);
    // The HTML page names its publisher (og:site_name); the Markdown front matter does not.
    expect(html.meta).toEqual({ ...markdown.meta, publisher: "The White House" });

    const fromMarkdown = await copyOf(FIXTURE_KNOWLEDGE);
    const fromHtml = await copyOf(FIXTURE_KNOWLEDGE);
    const flags = ["--id", "wh-jk", "--weight", "official summary", "--deals", "japan,korea"];
    const md = await add([
      ...flags,
      "--knowledge",
      fromMarkdown,
      "--publisher",
      "The White House",
      seed("md"),
    ]);
    const page = await add([...flags, "--knowledge", fromHtml, seed("html")]);
    expect([md.code, page.code]).toEqual([0, 0]);
    expect(await snapshot(fromHtml)).toEqual(await snapshot(fromMarkdown));
  });

  it("adds a new source beside those of its weight, every other line of sources.yaml kept, and changes nothing the second time", async () => {
    const dir = await copyOf(REAL_KNOWLEDGE);
    const sourcesPath = join(dir, "sources.yaml");
    const original = await readFile(sourcesPath, "utf8");
    // The seed under another id and address, so that it is a new source (flags win over the front matter).
    const args = ["--knowledge", dir, "--id", "wh-copy", "--url", "https://example.org/copy", seed("md")];
    const withoutWeight = await add([...args, "--publisher", "The White House"]);
    expect(withoutWeight.code).toBe(1);
    expect(withoutWeight.err).toContain('source "wh-copy" is new, so it needs a weight');
    expect(await readFile(sourcesPath, "utf8")).toBe(original);

    const complete = [
      ...args,
      "--publisher",
      "The White House",
      "--weight",
      "official summary",
      "--short",
      "WH copy",
    ];
    const first = await add(complete);
    expect(first.err).toBe("");
    expect(first.out).toContain(
      `added source "wh-copy" to ${sourcesPath} (official summary, The White House, 2025-10-29)`,
    );
    const added = await readFile(sourcesPath, "utf8");
    const entry = [
      "  - id: wh-copy",
      "    title: The United States Signs Technology Prosperity Deals with Japan and Korea",
      "    url: https://example.org/copy",
      '    published: "2025-10-29"',
      "    publisher: The White House",
      "    type: article",
      "    official: true",
      "    weight: official summary",
      "    short: WH copy",
    ]
      .map((line) => `\n${line}`)
      .join("");
    // After the last official summary, before the heading of the news reports; every other byte as it was.
    const anchor = "    short: Cabinet Office\n";
    expect(original).toContain(`${anchor}\n  # --- Reports and commentary ---`);
    expect(added).toBe(original.replace(anchor, `${anchor}${entry}\n`));
    const { knowledge } = await loadKnowledge(dir);
    expect(knowledge.sources.find((source) => source.id === "wh-copy")).toEqual({
      id: "wh-copy",
      title: "The United States Signs Technology Prosperity Deals with Japan and Korea",
      url: "https://example.org/copy",
      published: "2025-10-29",
      publisher: "The White House",
      type: "article",
      official: true,
      weight: "official summary",
      short: "WH copy",
      language: "English",
      sections: [],
    });

    const after = await snapshot(dir);
    const second = await add(complete);
    expect(second.code).toBe(0);
    expect(second.out).toContain("nothing to add");
    expect(await snapshot(dir)).toEqual(after);
  });
});

describe("knowledge:add with headings", () => {
  const markdown = `---
id: fixture-page
title: A Fixture Page
url: https://example.org/fixture-page
publisher: Fixture Press
date: "2026-03-01"
weight: news report
type: news report
deals: [korea]
---

# A Fixture Page

An opening paragraph with a [link](https://example.org/a "a title"), *emphasis*, **strong** and \`code\`,
wrapped over two lines and with an escaped \\*star\\*.

## Space cooperation

* A bullet under the first heading.
* A second bullet
  that continues on a second line.

Quantum research
----------------

1. A numbered item.
2. Another item, with AT&amp;T written as an entity.

> A quoted paragraph.

\`\`\`
code is left out
\`\`\`
`;
  const html = `<html><head><title>A Fixture Page</title></head><body>
<nav><p>Menu</p></nav>
<main><h1>A Fixture Page</h1>
<p>An opening paragraph with a <a href="https://example.org/a">link</a>, <em>emphasis</em>, <b>strong</b> and <code>code</code>,
wrapped over two lines and with an escaped *star*.</p>
<h2>Space cooperation</h2>
<ul><li>A bullet under the first heading.</li><li>A second bullet<br>that continues on a second line.</li></ul>
<h2>Quantum research</h2>
<ol><li>A numbered item.</li><li>Another item, with AT&amp;T written as an entity.</li></ol>
<blockquote><p>A quoted paragraph.</p></blockquote>
<pre>code is left out</pre>
</main><footer><p>Footer text</p></footer></body></html>`;

  it("keeps each passage's heading as its ref, the title heading aside, in both formats", async () => {
    const blocks = readMarkdown(markdown).blocks;
    expect(readHtml(html).blocks).toEqual(blocks);

    const dir = await copyOf(FIXTURE_KNOWLEDGE);
    const file = join(await tempDir(), "page.md");
    await writeFile(file, markdown);
    const run = await add(["--knowledge", dir, file]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const imported = await articleFile(join(dir, "articles", "fixture-page.yaml"));
    expect(imported.passages.map(({ id, ref, text, deals }) => ({ id, ref, text, deals }))).toEqual([
      {
        id: "fixture-page-1",
        ref: undefined,
        text: "An opening paragraph with a link, emphasis, strong and code, wrapped over two lines and with an escaped *star*.",
        deals: ["korea"],
      },
      {
        id: "fixture-page-2",
        ref: "Space cooperation",
        text: "A bullet under the first heading.",
        deals: ["korea"],
      },
      {
        id: "fixture-page-3",
        ref: "Space cooperation",
        text: "A second bullet that continues on a second line.",
        deals: ["korea"],
      },
      { id: "fixture-page-4", ref: "Quantum research", text: "A numbered item.", deals: ["korea"] },
      {
        id: "fixture-page-5",
        ref: "Quantum research",
        text: "Another item, with AT&T written as an entity.",
        deals: ["korea"],
      },
      { id: "fixture-page-6", ref: "Quantum research", text: "A quoted paragraph.", deals: ["korea"] },
    ]);

    // Citations show the heading as the section, and the source as a news report.
    const { knowledge } = await loadKnowledge(dir);
    const source = knowledge.sources.find((s) => s.id === "fixture-page");
    expect(source).toMatchObject({ official: false, weight: "news report", type: "news report" });
    const passage = knowledge.passages.find((p) => p.id === "fixture-page-2");
    if (!source || !passage) throw new Error("the import did not load");
    expect(passageCitation(source, passage)).toMatchObject({
      section: "Space cooperation",
      label: "Fixture Press, Space cooperation · news report",
    });
  });
});

describe("knowledge:add refuses", () => {
  const good = `---\nid: good-page\ntitle: A Good Page\nurl: https://example.org/good\npublisher: Fixture Press\nweight: news report\n---\n\nSome words.\n`;
  const cases: [string, string | Buffer, RegExp][] = [
    ["no-title.md", good.replace("title: A Good Page\n", ""), /no-title\.md: has no title: give --title/],
    [
      "bad-url.md",
      good.replace("https://example.org/good", "http://example.org/good"),
      /bad-url\.md: url: must be an https URL/,
    ],
    [
      "not-a-url.md",
      good.replace("https://example.org/good", "example.org good"),
      /not-a-url\.md: url: must be an https URL/,
    ],
    [
      "binary.md",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      /binary\.md: is binary/,
    ],
    [
      "latin1.html",
      Buffer.from([0x3c, 0x70, 0x3e, 0xe9, 0x3c, 0x2f, 0x70, 0x3e]),
      /latin1\.html: is not UTF-8 text/,
    ],
    ["empty.md", "", /empty\.md: is empty/],
    ["blank.html", " \n\t\n", /blank\.html: is empty/],
    ["no-text.md", good.replace("Some words.\n", ""), /no-text\.md: has no paragraphs or bullets to import/],
    [
      "bad-front-matter.md",
      "---\ntitle: [unclosed\n---\n\nWords.\n",
      /bad-front-matter\.md: front matter is not valid YAML/,
    ],
    [
      "bad-date.md",
      good.replace("weight:", "date: 29 October 2025\nweight:"),
      /bad-date\.md: date: must be an ISO date/,
    ],
    [
      "bad-deal.md",
      good.replace("weight:", "deals: [france]\nweight:"),
      /bad-deal\.md: deals: unknown deal "france"/,
    ],
    ["notes.txt", "Some words.", /notes\.txt: is neither Markdown/],
  ];

  it.each(cases)(
    "%s, naming the file and the problem, and writes nothing",
    async (name, content, message) => {
      const dir = await copyOf(FIXTURE_KNOWLEDGE);
      const before = await snapshot(dir);
      const file = join(await tempDir(), name);
      await writeFile(file, content);
      const run = await add(["--knowledge", dir, file]);
      expect(run.code).toBe(1);
      expect(run.err).toMatch(/^knowledge:add: nothing written\./);
      expect(run.err).toMatch(message);
      expect(run.out).toBe("");
      expect(await snapshot(dir)).toEqual(before);
    },
  );

  it("writes nothing at all when one file of several is bad", async () => {
    const dir = await copyOf(FIXTURE_KNOWLEDGE);
    const before = await snapshot(dir);
    const folder = await tempDir();
    await writeFile(join(folder, "good.md"), good);
    await writeFile(join(folder, "empty.md"), "");
    const run = await add(["--knowledge", dir, join(folder, "good.md"), join(folder, "empty.md")]);
    expect(run.code).toBe(1);
    expect(run.err).toContain("empty.md: is empty");
    expect(await snapshot(dir)).toEqual(before);
  });

  it("writes nothing when the real loader rejects the result (a passage id already taken)", async () => {
    const dir = await copyOf(FIXTURE_KNOWLEDGE);
    await writeFile(
      join(dir, "articles", "taken.yaml"),
      "source: news\npassages:\n  - { id: good-page-1, text: Already here. }\n",
    );
    const before = await snapshot(dir);
    const file = join(await tempDir(), "good.md");
    await writeFile(file, good);
    const run = await add(["--knowledge", dir, file]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      'the result would not load: knowledge: passage ids: "good-page-1" is used more than once',
    );
    expect(run.err).not.toContain("knowledge-add-"); // the staging copy is named as the real folder
    expect(await snapshot(dir)).toEqual(before);
  });

  it("writes nothing when an article file already quotes the page with other words", async () => {
    const dir = await copyOf(REAL_KNOWLEDGE);
    const path = join(dir, "articles", `${SEED_ID}.yaml`);
    await writeFile(
      path,
      (await readFile(path, "utf8")).replace("6G: This partnership", "6G: The partnership"),
    );
    const before = await snapshot(dir);
    const run = await add(seedArgs(dir));
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      `${path} already quotes "${SEED_ID}" but differs: passage 8 (jk-japan-6g) has other words`,
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it("writes nothing when the page disagrees with its entry in sources.yaml", async () => {
    const dir = await copyOf(REAL_KNOWLEDGE);
    const before = await snapshot(dir);
    const run = await add(["--knowledge", dir, "--id", SEED_ID, "--publisher", "Someone Else", seed("md")]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      `source "${SEED_ID}" is already in sources.yaml with publisher "The White House"`,
    );
    const other = await add([
      "--knowledge",
      dir,
      "--id",
      "wh-copy",
      "--publisher",
      "The White House",
      seed("md"),
    ]);
    expect(other.err).toContain(
      `its URL is already source "${SEED_ID}" in sources.yaml: import it with --id ${SEED_ID}`,
    );
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe("the npm run knowledge:add script", () => {
  it("imports, reports and exits 0; exits 1 on a bad file", async () => {
    const dir = await copyOf(FIXTURE_KNOWLEDGE);
    const script = "scripts/knowledge-add.ts";
    const common = ["--knowledge", dir, "--id", "wh-jk", "--weight", "official summary"];
    const ok = await runEntry(script, [...common, seed("html")]);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`${seed("html")} → wh-jk`);
    expect(ok.stdout).toMatch(/wh-jk-15 {2}The two nations also agreed/);

    const empty = join(await tempDir(), "empty.md");
    await writeFile(empty, "");
    const bad = await runEntry(script, ["--knowledge", dir, empty]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${empty}: is empty`);
  });

  it("exits 2 with the usage on a bad flag or no file", async () => {
    for (const args of [["--nope", seed("md")], [], ["--id", "x", seed("md"), seed("html")]]) {
      const run = await add(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.err).toContain("usage: npm run knowledge:add");
    }
    expect((await add(["--help"])).out).toContain("--weight WEIGHT");
  });
});
