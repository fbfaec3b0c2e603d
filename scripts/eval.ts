import { createBot } from "../src/core/bot.js";
import { loadKnowledge } from "../src/knowledge/load.js";
import { checkRow, loadGolden } from "./golden.js";

/** `npm run eval`: scores the golden table and prints accuracy by kind of check, then each miss. */
const bot = createBot(await loadKnowledge("knowledge"));
const results = loadGolden().map((row) => checkRow(bot, row));

const share = (hits: number, total: number) =>
  `${hits}/${total} (${total === 0 ? "n/a" : `${((100 * hits) / total).toFixed(1)}%`})`;
const count = (predicate: (r: (typeof results)[number]) => boolean, subset = results) =>
  subset.filter(predicate).length;

const withDeal = results.filter((r) => r.row.deal);
const withFact = results.filter((r) => r.row.expect || r.row.top);
const declines = results.filter((r) => !r.row.found);
const passed = count((r) => r.problems.length === 0);

console.log(`Golden table: ${results.length} questions`);
console.log(
  `  right deal:               ${share(
    count((r) => !r.problems.some((p) => p.startsWith("deals")), withDeal),
    withDeal.length,
  )}`,
);
console.log(
  `  expected fact in top 3:   ${share(
    count((r) => !r.problems.some((p) => /excerpt|top three/.test(p)), withFact),
    withFact.length,
  )}`,
);
console.log(
  `  right declines:           ${share(
    count((r) => r.answer.found === false, declines),
    declines.length,
  )}`,
);
console.log(`  false declines:           ${count((r) => r.row.found && !r.answer.found)}`);
console.log(`  overall (all checks):     ${share(passed, results.length)}`);
for (const result of results.filter((r) => r.problems.length > 0)) {
  console.log(`  MISS "${result.row.q}": ${result.problems.join("; ")}`);
}
