import { once } from "node:events";
import { type Client, Events, Status } from "discord.js";
import type { DiscordConfig } from "../../config.js";
import { describeError } from "../../errors.js";
import type { Adapter, AdapterHealth, PlatformAdapterOptions } from "../adapter.js";
import { createInFlight } from "../shared/in-flight.js";
import { createPipeline } from "../shared/pipeline.js";
import { createDiscordClient } from "./client.js";
import { createInteractionHandler } from "./interactions.js";
import { messageEntry } from "./messages.js";

export { renderAnswer } from "./render.js";

export function createDiscordAdapter(options: PlatformAdapterOptions<DiscordConfig>): Adapter {
  const logger = options.logger.child({ adapter: "discord" });
  const graceMs = options.shutdownGraceMs ?? 5000;
  const inFlight = createInFlight();
  let client: Client | null = null;
  const { getBot } = options;
  const pipeline = createPipeline({ ...options, logger, inFlight });
  const accepting = () => !inFlight.draining;
  const { recorder } = pipeline;
  const onInteraction = createInteractionHandler({ pipeline, getBot, logger, accepting, recorder });
  const onMessage = async (message: Parameters<typeof messageEntry.read>[0]) => {
    const asked = await messageEntry.read(message, getBot);
    if (asked) await pipeline.ask(asked.question, asked.reply);
  };

  /** Handlers never reject (they log and reply instead); the catch is a last guard against a crash. */
  const track = (work: Promise<void>) => {
    work.catch((error: unknown) => logger.error({ err: describeError(error) }, "unhandled"));
  };

  const wire = (target: Client) => {
    target.on(Events.InteractionCreate, (interaction) => track(onInteraction(interaction)));
    target.on(Events.MessageCreate, (message) => track(onMessage(message)));
    target.on(Events.Error, (error) => logger.error({ err: describeError(error) }, "client error"));
    target.on(Events.Warn, (message) => logger.warn({ message }, "client warning"));
    target.on(Events.ShardError, (error, shard) =>
      logger.warn({ shard, err: describeError(error) }, "shard error"),
    );
    target.on(Events.ShardDisconnect, (event, shard) =>
      logger.error({ shard, code: event.code }, "gateway closed for good"),
    );
    // destroy() in stop() also passes through "reconnecting"; only a live client's reconnects matter.
    target.on(Events.ShardReconnecting, (shard) => {
      if (client === target) logger.warn({ shard }, "gateway reconnecting");
    });
    target.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, "gateway resumed"));
    target.on(Events.ShardReady, (shard) => logger.info({ shard }, "gateway ready"));
  };

  return {
    name: "discord",

    async start() {
      if (client) throw new Error("The Discord adapter is already started");
      const created = createDiscordClient(options.config);
      client = created;
      wire(created);
      const ready = once(created, Events.ClientReady);
      try {
        await created.login(options.config.token);
        await ready;
      } catch (error) {
        client = null;
        await created.destroy();
        throw error;
      }
      inFlight.reopen();
      logger.info({ user: created.user?.id, guilds: created.guilds.cache.size }, "connected to Discord");
    },

    async stop() {
      const { unfinished } = await inFlight.drain(graceMs);
      if (unfinished > 0) logger.warn({ pending: unfinished }, "stopped with answers still in flight");
      const closing = client;
      client = null;
      await closing?.destroy();
    },

    health(): AdapterHealth {
      if (!client) return { name: "discord", up: false, detail: "not started" };
      const shards = [...client.ws.shards.values()];
      const up =
        !inFlight.draining &&
        client.isReady() &&
        shards.length > 0 &&
        shards.every((s) => s.status === Status.Ready);
      const ping = client.ws.ping >= 0 ? `${Math.round(client.ws.ping)} ms` : "n/a";
      const states = shards.map((shard) => `${shard.id}:${Status[shard.status]}`).join(", ") || "none";
      return {
        name: "discord",
        up,
        detail: `gateway ${up ? "connected" : "not connected"}; ping ${ping}; shards ${states}`,
      };
    },
  };
}
