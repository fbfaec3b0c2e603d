import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/run-process.js";

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [
    ...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm),
  ].map((match) => (match[1] ?? match[2]) as string);
}

const resolved = (file: string, specifier: string) =>
  specifier.startsWith(".") ? relative(ROOT, join(ROOT, file, "..", specifier)) : specifier;

describe("dependency direction", () => {
  it("keeps the core pure: only its own files, no I/O, env or platform libraries", () => {
    for (const file of sourceFiles("src/core")) {
      for (const specifier of importsOf(file)) {
        const target = resolved(file, specifier);
        expect(target.startsWith("src/core/"), `${file} imports ${specifier}`).toBe(true);
      }
      expect(readFileSync(join(ROOT, file), "utf8"), file).not.toMatch(
        /process\.env|node:fs|node:net|node:http/,
      );
    }
  });

  it("keeps knowledge/ to zod, minisearch, js-yaml, node and core types (and the HTML parser for page import)", () => {
    for (const file of sourceFiles("src/knowledge")) {
      for (const specifier of importsOf(file)) {
        const target = resolved(file, specifier);
        const allowed =
          ["zod", "minisearch", "minisearch/SearchableMap", "js-yaml"].includes(target) ||
          (target === "htmlparser2" && file.startsWith("src/knowledge/import/")) ||
          target.startsWith("node:") ||
          target.startsWith("src/knowledge/") ||
          target.startsWith("src/core/");
        expect(allowed, `${file} imports ${specifier}`).toBe(true);
      }
    }
  });

  it("keeps adapters off knowledge/ and off each other", () => {
    for (const adapter of ["slack", "discord", "console"]) {
      for (const file of sourceFiles(`src/adapters/${adapter}`)) {
        for (const specifier of importsOf(file)) {
          const target = resolved(file, specifier);
          expect(target.startsWith("src/knowledge"), `${file} imports ${specifier}`).toBe(false);
          const otherAdapter = /^src\/adapters\/(slack|discord|console)\//.exec(target)?.[1];
          if (otherAdapter) expect(otherAdapter, `${file} imports ${specifier}`).toBe(adapter);
        }
      }
    }
  });

  it("reads process.env only in config.ts", () => {
    for (const file of sourceFiles("src")) {
      if (file === "src/config.ts") continue;
      expect(readFileSync(join(ROOT, file), "utf8"), file).not.toMatch(/process\.env\b/);
    }
  });
});

/** Modules a file loads as it is imported: its static imports, followed through the project (not `import()`). */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(ROOT, file), "utf8");
    for (const match of text.matchAll(/^\s*(?:import|export)(?!\s+type\b)[^'"]*from\s+["']([^"']+)["']/gm)) {
      const target = resolved(file, match[1] as string);
      if (target.startsWith("src/")) visit(target.replace(/\.js$/, ".ts"));
      else seen.add(target);
    }
  };
  visit(entry);
  return seen;
}

describe("console start-up", () => {
  it("loads no platform, database, HTTP or rate-limit code before the console answers", () => {
    const loaded = [...staticClosure("src/main.ts")];
    expect(loaded).toContain("src/adapters/console/repl.ts");
    expect(loaded).toContain("src/runtime/live-bot.ts");
    const heavy = loaded.filter(
      (target) =>
        /^src\/(adapters\/(slack|discord)|store|shared-state)\//.test(target) ||
        target === "src/adapters/shared/rate-limit.ts" ||
        /^(@slack\/|discord\.js|pg$|better-sqlite3|rate-limiter-flexible|node:http$)/.test(target),
    );
    expect(heavy).toEqual([]);
  });
});
