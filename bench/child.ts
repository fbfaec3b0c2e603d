import { sendToParent } from "./ipc.js";
import type { ChildMessage } from "./spawn.js";

type Task = (options: never) => Promise<unknown>;

/** Entry of a task process: `child.ts <task> <options as JSON>`; the result goes back over IPC. */
const TASKS: Record<string, () => Promise<Task>> = {
  core: async () => (await import("./core.js")).coreTask,
  "scale-measure": async () => (await import("./scale-worker.js")).measureTask,
  "scale-serialized": async () => (await import("./scale-worker.js")).serializedTask,
  "scale-files": async () => (await import("./scale-worker.js")).filesTask,
  "startup-probe": async () => (await import("./startup-probe.js")).startupProbeTask,
  discord: async () => (await import("./discord.js")).discordTask,
  "soak-core": async () => (await import("./soak-core.js")).soakCoreTask,
  "slack-server": async () => (await import("./slack-server.js")).slackServerTask,
};

async function main(): Promise<void> {
  const [name = "", json = "{}"] = process.argv.slice(2);
  const load = TASKS[name];
  let message: ChildMessage;
  try {
    if (!load) throw new Error(`unknown task "${name}"`);
    const task = await load();
    message = { kind: "result", ok: true, result: await task(JSON.parse(json) as never) };
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    message = { kind: "result", ok: false, error: text };
  }
  await sendToParent(message);
  process.exit(message.ok ? 0 : 1);
}

void main();
