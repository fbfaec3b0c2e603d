import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../helpers/run-process.js";

export type Instruction = { keyword: string; args: string };
export type Stage = { name: string | null; base: string; instructions: Instruction[] };

/** The Dockerfile's stages and their instructions (continuation lines joined, comments dropped). */
export function readDockerfile(path = join(ROOT, "Dockerfile")): Stage[] {
  const logical = readFileSync(path, "utf8")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = "", args = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === "FROM") {
      const [, base = "", name = null] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ name, base, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, " ") });
    }
  }
  return stages;
}

export function stageNamed(stages: Stage[], name: string): Stage {
  const stage = stages.find((candidate) => candidate.name === name);
  if (!stage) throw new Error(`no Dockerfile stage named ${name}`);
  return stage;
}

/** `COPY [--from=stage] [--chown=…] src… dest` as sources, destination and the stage copied from. */
export function copies(stage: Stage): Array<{ from: string | null; sources: string[]; destination: string }> {
  return stage.instructions
    .filter((instruction) => instruction.keyword === "COPY")
    .map(({ args }) => {
      const words = args.split(" ");
      const from = words.find((word) => word.startsWith("--from="))?.slice("--from=".length) ?? null;
      const paths = words.filter((word) => !word.startsWith("--"));
      return { from, sources: paths.slice(0, -1), destination: paths.at(-1) ?? "" };
    });
}

/** The commands of a stage's shell-form RUN instructions, split on `&&`. */
export function runCommands(stage: Stage): string[] {
  return stage.instructions
    .filter((instruction) => instruction.keyword === "RUN")
    .flatMap(({ args }) => args.split("&&").map((command) => command.trim()));
}

/** The exec-form argument list of an instruction such as CMD or HEALTHCHECK … CMD [...]. */
export function execForm(stage: Stage, keyword: string): string[] {
  const instruction = stage.instructions.findLast((candidate) => candidate.keyword === keyword);
  const json = /\[.*\]$/.exec(instruction?.args ?? "")?.[0];
  if (!json) throw new Error(`no exec-form ${keyword} in the stage`);
  return JSON.parse(json) as string[];
}
