import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { respondTo } from "../../src/adapters/slack/replies.js";

let server: Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
  server = null;
});

/** A response_url on 127.0.0.1 that records each post and answers with `status` (or never, when null). */
async function hook(status: number | null) {
  const posts: { headers: IncomingMessage["headers"]; body: unknown }[] = [];
  server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk));
    request.on("end", () => {
      posts.push({ headers: request.headers, body: JSON.parse(text) });
      if (status !== null) response.writeHead(status).end("ok");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/1`, posts };
}

describe("a command's response_url, posted to without Bolt", () => {
  it("gets the message as JSON, a bare text as { text }", async () => {
    const { url, posts } = await hook(200);
    const respond = respondTo(url, 2000);
    await respond({ response_type: "ephemeral", text: "answer" });
    await respond("short notice");
    expect(posts.map((post) => post.body)).toEqual([
      { response_type: "ephemeral", text: "answer" },
      { text: "short notice" },
    ]);
    expect(posts[0]?.headers["content-type"]).toBe("application/json");
  });

  it("fails on a refusal, and on a hook that never answers once the time is up", async () => {
    const refusing = await hook(404);
    await expect(respondTo(refusing.url, 2000)("x")).rejects.toThrow(/404/);
    server?.closeAllConnections();
    server?.close();
    const silent = await hook(null);
    const started = performance.now();
    await expect(respondTo(silent.url, 200)("x")).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(2000);
    expect(silent.posts).toHaveLength(1);
  });
});
