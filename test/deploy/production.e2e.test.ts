import { existsSync, readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  APP_ID,
  BOT_ID,
  CHANNEL_ID,
  type FakeDiscord,
  GUILD_ID,
  startFakeDiscord,
  TOKEN,
} from "../fakes/discord.js";
import { messageCreate } from "../fakes/discord-payloads.js";
import { botStarted, killAllBotProcesses, startBotProcess } from "../helpers/bot-process.js";
import { WHITE_HOUSE_ARTICLE } from "../helpers/knowledge-urls.js";
import { ROOT, runEntry } from "../helpers/run-process.js";
import { execForm, readDockerfile, runCommands, type Stage } from "./support/dockerfile.js";
import { builtScriptEntry, npmScript, type ProductionApp, productionApp } from "./support/production-app.js";

const DEV_ONLY = [
  "typescript",
  "tsx",
  "esbuild",
  "vitest",
  "@biomejs/biome",
  "fast-check",
  "playwright-core",
];

const stages = readDockerfile();
const image = stages.at(-1) as Stage;
let app: ProductionApp;
let fake: FakeDiscord;

beforeAll(async () => {
  [app, fake] = await Promise.all([productionApp(), startFakeDiscord()]);
  const { buildMs, installMs, assembleMs } = app.timings;
  console.info(
    `production app: build ${Math.round(buildMs)} ms, install ${Math.round(installMs)} ms (0 = cached), assemble ${Math.round(assembleMs)} ms`,
  );
}, 400_000);

afterAll(async () => {
  await killAllBotProcesses();
  await Promise.all([app?.remove(), fake?.close()]);
});

describe("the Dockerfile", () => {
  it("builds in one stage, installs production dependencies in another, and ships neither compiler nor sources", () => {
    expect(stages.map((stage) => stage.name)).toEqual(["build", "production-deps", null]);
    expect(runCommands(stages[0] as Stage)).toContain("npm run build");
    expect(app.installCommand.slice(0, 3)).toEqual(["npm", "ci", "--omit=dev"]);
    // The image itself installs and compiles nothing.
    expect(runCommands(image).filter((command) => /\bnpm\b|\bnpx\b|tsc/.test(command))).toEqual([]);
  });

  it("runs as a non-root user, checks /healthz and starts the compiled bot", () => {
    const user = image.instructions.findLast((instruction) => instruction.keyword === "USER");
    expect(user?.args).toBe("node");
    expect(execForm(image, "HEALTHCHECK")).toEqual(["node", "dist/healthcheck.js"]);
    // As `npm run start:built` runs it, with the same node options.
    expect(execForm(image, "CMD")).toEqual(npmScript("start:built").split(" "));
  });
});

describe("compose.yaml", () => {
  it("runs the image with the env file beside PostgreSQL, whose data lives in a volume", () => {
    const compose = parse(readFileSync(join(ROOT, "compose.yaml"), "utf8"));
    const { bot, db } = compose.services;
    expect(bot.build).toBe(".");
    expect(bot.env_file).toBe(".env");
    expect(bot.depends_on.db.condition).toBe("service_healthy");
    expect(bot.environment.DATABASE_URL).toContain("@db:5432/");
    expect(db.image).toMatch(/^postgres:/);
    const [volume] = db.volumes as string[];
    expect(volume).toMatch(/^[\w-]+:\/var\/lib\/postgresql\/data$/);
    expect(Object.keys(compose.volumes)).toContain(volume?.split(":")[0]);
  });
});

describe("the image's production path, without Docker", () => {
  it("holds only dist/, knowledge/, the package files and production dependencies", async () => {
    expect((await readdir(app.dir)).sort()).toEqual([
      "dist",
      "knowledge",
      "node_modules",
      "package-lock.json",
      "package.json",
    ]);
    const installed = (name: string) => existsSync(join(app.dir, "node_modules", name, "package.json"));
    for (const name of ["discord.js", "@slack/bolt", "pino", "zod", "minisearch", "pg", "better-sqlite3"])
      expect(installed(name), name).toBe(true);
    for (const name of DEV_ONLY) expect(installed(name), name).toBe(false);
    const dist = await readdir(join(app.dir, "dist"), { recursive: true });
    expect(dist).toContain("main.js");
    expect(dist.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
  });

  it("`node dist/main.js` (npm run start:built) answers a piped question with cited excerpts", async () => {
    expect(builtScriptEntry("start:built")).toBe(execForm(image, "CMD").at(-1));
    const result = await runEntry("dist/main.js", [], { cwd: app.dir, input: "korea 6g\n" });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("6G telecommunications");
    expect(result.stdout).toContain(WHITE_HOUSE_ARTICLE);
    console.info(`node dist/main.js, one piped question: ${Math.round(result.ms)} ms`);
  });

  it("`npm run discord:deploy:built` runs from the built JavaScript", async () => {
    const result = await runEntry(builtScriptEntry("discord:deploy:built"), [], {
      cwd: app.dir,
      env: {
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_GUILD_ID: GUILD_ID,
        DISCORD_API_URL: fake.apiUrl,
      },
    });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(`Registered 2 command(s) for guild ${GUILD_ID}.\n`);
    await fake.waitForCall(
      (call) => call.method === "PUT" && call.path.endsWith(`/guilds/${GUILD_ID}/commands`),
    );
  });

  it("the HEALTHCHECK command passes while the bot is up, answers a mention, and fails once it stopped", async () => {
    const env = {
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      HEALTH_PORT: "0",
      KNOWLEDGE_WATCH: "false",
    };
    const bot = startBotProcess(env, "dist/main.js", app.dir);
    const { healthPort } = await botStarted(bot);
    const check = () =>
      runEntry(execForm(image, "HEALTHCHECK")[1] as string, [], {
        cwd: app.dir,
        env: { ...env, HEALTH_PORT: String(healthPort) },
      });

    const healthy = await check();
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toMatch(/^200 \{"status":"ok"/);

    const from = fake.calls.length;
    fake.dispatch("MESSAGE_CREATE", messageCreate(`<@${BOT_ID}> korea 6g`));
    const reply = await fake.waitForCall(
      (call) => fake.calls.indexOf(call) >= from && call.path === `/api/v10/channels/${CHANNEL_ID}/messages`,
    );
    expect(JSON.stringify(reply.body)).toContain(WHITE_HOUSE_ARTICLE);

    bot.signal("SIGTERM");
    expect((await bot.exited).code).toBe(0);
    const stopped = await check();
    expect(stopped.code).toBe(1);
  });
});
