import { knowledgeAdd } from "../src/knowledge/import/command.js";

/** `npm run knowledge:add -- FILE …`: see `--help` and the README's knowledge section. */
process.exitCode = await knowledgeAdd(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
