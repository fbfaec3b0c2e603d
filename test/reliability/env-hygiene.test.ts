import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLES } from "../../src/config.js";
import { ROOT } from "../helpers/run-process.js";

const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

describe("environment hygiene", () => {
  it(".env.example documents exactly the variables config.ts reads, each with a comment", () => {
    const lines = read(".env.example").split("\n");
    const documented = lines.flatMap((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1] ?? []);
    expect([...documented].sort()).toEqual([...ENV_VARIABLES].sort());
    expect(new Set(documented).size).toBe(documented.length);
    for (const name of documented) {
      const at = lines.findIndex((line) => line.startsWith(`${name}=`));
      // Each variable, or the group it closes, sits under a comment that explains it.
      const above = lines.slice(0, at).reverse();
      const comment = above.find((line) => !/^[A-Z][A-Z0-9_]*=/.test(line));
      expect(comment, name).toMatch(/^# /);
      expect(lines[at], name).toBe(`${name}=`); // no value, not even an example token
    }
  });

  it("every variable config.ts reads is one it validates (nothing read around the schema)", () => {
    const source = read("src/config.ts");
    const direct = [...source.matchAll(/vars\.([A-Z][A-Z0-9_]*)/g)].map((match) => match[1] as string);
    const destructured = [...source.matchAll(/const \{([^}]*)\} = vars/g)].flatMap((match) =>
      (match[1] as string).split(",").map((part) => part.split(":")[0]?.trim() ?? ""),
    );
    expect(direct.length + destructured.length).toBeGreaterThan(10);
    for (const name of [...direct, ...destructured]) expect(ENV_VARIABLES).toContain(name);
  });

  it(".env is ignored by git, so real tokens are never committed", () => {
    expect(read(".gitignore").split("\n")).toContain(".env");
    let ignored = true;
    try {
      execFileSync("git", ["check-ignore", "-q", ".env"], { cwd: ROOT, stdio: "ignore" });
    } catch (error) {
      // Exit 1 means "not ignored"; anything else (no git, not a checkout) leaves the .gitignore check.
      if ((error as { status?: number }).status === 1) ignored = false;
    }
    expect(ignored).toBe(true);
  });
});
