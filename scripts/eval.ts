import { createBot } from "../src/core/bot.js";
import { loadKnowledge } from "../src/knowledge/load.js";
import { checkRow, loadGolden, scoreByClass } from "./golden.js";

/**
 * `npm run eval`: scores every golden file (test/golden/*.yaml) strictly and prints accuracy per class as a
 * Markdown table, then each miss. `--misses=false` prints the table only.
 */
const bot = createBot(await loadKnowledge("knowledge"));
const results = loadGolden().map((row) => checkRow(bot, row));

const percent = (passed: number, total: number) =>
  total === 0 ? "n/a" : `${((100 * passed) / total).toFixed(1)}%`;
const passed = results.filter((result) => result.problems.length === 0).length;

console.log(`Golden questions: ${results.length}\n`);
console.log("| class | right | accuracy |");
console.log("| ----- | ----: | -------: |");
for (const score of scoreByClass(results)) {
  console.log(`| ${score.name} | ${score.passed}/${score.total} | ${percent(score.passed, score.total)} |`);
}
console.log(`| **all** | ${passed}/${results.length} | ${percent(passed, results.length)} |`);
if (!process.argv.includes("--misses=false")) {
  console.log("");
  for (const result of results.filter((r) => r.problems.length > 0)) {
    console.log(`MISS [${result.row.class}] "${result.row.q}": ${result.problems.join("; ")}`);
  }
}
