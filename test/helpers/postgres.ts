import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** A throwaway PostgreSQL cluster on a free loopback port. */
export type PostgresServer = {
  /** Connection URL of the cluster's `postgres` database (with password). */
  url: string;
  /** Creates an empty database and returns its URL, so each test starts from nothing. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
};

const BIN_ROOT = "/usr/lib/postgresql";

function serverBinaries(): string | null {
  if (!existsSync(BIN_ROOT)) return null;
  const versions = readdirSync(BIN_ROOT)
    .filter((version) => existsSync(join(BIN_ROOT, version, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(BIN_ROOT, versions[0], "bin") : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * initdb into a temporary folder, then `postgres` on 127.0.0.1 with durability off (a test cluster). As root,
 * both run as the `postgres` user through runuser, since PostgreSQL refuses to run as root.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = serverBinaries();
  if (!bin) throw new Error(`no PostgreSQL server found under ${BIN_ROOT}/*/bin`);
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "tpd-pg-"));
  const password = randomBytes(12).toString("hex");
  const command = (program: string, args: string[]): [string, string[]] =>
    asRoot ? ["runuser", ["-u", "postgres", "--", join(bin, program), ...args]] : [join(bin, program), args];
  let server: ChildProcess | null = null;
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const stopNow = () => {
    // runuser does not pass signals on, so signal the postmaster itself (SIGINT: fast shutdown).
    const pid = Number(readFileSync(join(dir, "data", "postmaster.pid"), "utf8").split("\n")[0]);
    if (pid > 0) process.kill(pid, "SIGINT");
  };
  const onExit = () => {
    try {
      stopNow();
    } catch {}
  };
  try {
    writeFileSync(join(dir, "password"), password);
    if (asRoot) {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
      chownSync(dir, uid, gid);
      chownSync(join(dir, "password"), uid, gid);
    }
    execFileSync(
      ...command("initdb", [
        "-D",
        join(dir, "data"),
        "-U",
        "postgres",
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        `--pwfile=${join(dir, "password")}`,
        "-E",
        "UTF8",
        "--no-sync",
        "--no-instructions",
      ]),
      { stdio: "pipe" },
    );
    const port = await freePort();
    const [program, args] = command("postgres", [
      ...["-D", join(dir, "data"), "-h", "127.0.0.1", "-p", String(port), "-k", dir],
      ...["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
    ]);
    server = spawn(program, args, { stdio: ["ignore", "ignore", "pipe"] });
    const started = server;
    let output = "";
    started.stderr?.on("data", (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
    });
    process.once("exit", onExit);
    const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    await waitUntilReady(url, started, () => output);

    let databases = 0;
    return {
      url,
      async createDatabase() {
        const name = `test_${process.pid}_${++databases}`;
        await withClient(url, (client) => client.query(`CREATE DATABASE ${name}`));
        return url.replace(/\/postgres$/, `/${name}`);
      },
      async stop() {
        process.removeListener("exit", onExit);
        const exited = new Promise((resolve) => started.once("exit", resolve));
        if (started.exitCode === null) {
          stopNow();
          await exited;
        }
        removeDir();
      },
    };
  } catch (error) {
    process.removeListener("exit", onExit);
    if (server && server.exitCode === null) {
      try {
        stopNow();
      } catch {
        server.kill("SIGKILL");
      }
      await new Promise((resolve) => server?.once("exit", resolve));
    }
    removeDir();
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(stderr ? `${(error as Error).message}: ${stderr}` : (error as Error).message);
  }
}

async function waitUntilReady(url: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited with ${server.exitCode}: ${output()}`);
    try {
      await withClient(url, (client) => client.query("SELECT 1"));
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections: ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * For test files: a running server, or null when none can be started outside CI (after one line saying why).
 * Under CI=true a server that will not start fails the run instead.
 */
export async function postgresForTests(): Promise<PostgresServer | null> {
  try {
    return await startPostgres();
  } catch (error) {
    const ci = process.env.CI;
    if (ci && ci !== "false" && ci !== "0") throw error;
    console.warn(
      `PostgreSQL tests skipped: cannot start a server (${(error as Error).message.split("\n")[0]})`,
    );
    return null;
  }
}
