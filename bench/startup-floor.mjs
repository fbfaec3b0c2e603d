// The floor under console start-up: a fresh node that reads and parses the knowledge YAML, indexes every
// passage's text with MiniSearch and answers one query with the top passage, with none of the bot around it.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import MiniSearch from "minisearch";

const dir = process.argv[2] ?? "knowledge";
const load = (path) => yaml.load(readFileSync(join(dir, path), "utf8"));
const folder = (sub) => readdirSync(join(dir, sub)).map((name) => load(join(sub, name)));
load("sources.yaml");
load("vocabulary.yaml");
const passages = [
  ...folder("deals").flatMap((deal) => deal.facts),
  ...folder("articles").flatMap((article) => article.passages),
];
const index = new MiniSearch({ fields: ["text"], storeFields: ["text"] });
index.addAll(passages);
const [top] = index.search(process.argv[3] ?? "korea 6g", { fuzzy: 0.2, prefix: true });
process.stdout.write(`${top?.text ?? "no answer"}\n`);
