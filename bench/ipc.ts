import type { ChildMessage, ParentMessage } from "./spawn.js";

/** The child side of the task protocol in spawn.ts. */
export const sendToParent = (message: ChildMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send) resolve();
    else process.send(message, () => resolve());
  });
/** For long-running tasks: tell the parent what it needs once up (a port, say). */
export function reportReady(value: unknown): Promise<void> {
  return sendToParent({ kind: "ready", value });
}

/** For long-running tasks: answer the parent's numbered requests. */
export function onRequest(handler: (command: string) => Promise<unknown>): void {
  process.on("message", (received) => {
    const { id, command } = received as ParentMessage;
    void handler(command).then((value) => sendToParent({ kind: "reply", id, value }));
  });
}
