import { spawn } from "node:child_process";
import { once } from "node:events";
import { expect, it } from "vitest";
import { baseEnv, nodeArgs, ROOT } from "../helpers/run-process.js";

/** `npm start | head -1`: the reader goes away after its first line, and the console stops quietly. */
it("the console exits 0 without an error line when its reader closes stdout early", async () => {
  const child = spawn(process.execPath, nodeArgs("src/main.ts"), {
    cwd: ROOT,
    env: baseEnv(),
    stdio: ["pipe", "pipe", "pipe"],
  });
  const stderr: Buffer[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  const [firstChunk] = (await once(child.stdout, "data")) as [Buffer];
  child.stdout.destroy();
  child.stdin.end("korea 6g\njapan ai\nuk quantum\n".repeat(50));
  const [code] = (await once(child, "close")) as [number | null];

  expect(firstChunk.length).toBeGreaterThan(0);
  expect(Buffer.concat(stderr).toString()).not.toMatch(/uncaught|EPIPE/);
  expect(code).toBe(0);
}, 30_000);
