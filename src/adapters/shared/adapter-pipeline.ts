import type { Logger } from "../../logger.js";
import type { PlatformAdapterOptions } from "../adapter.js";
import type { InFlight } from "./in-flight.js";
import { createPipeline, type Pipeline } from "./pipeline.js";
import { NO_RECORDER, type QuestionRecorder } from "./question-record.js";

/** An adapter's question pipeline, and the recorder it logs to (votes go there too). */
export function createAdapterPipeline(
  options: PlatformAdapterOptions<unknown>,
  logger: Logger,
  inFlight: InFlight,
): { pipeline: Pipeline; recorder: QuestionRecorder } {
  const { getBot, rateLimiter, answering } = options;
  const recorder = options.recorder ?? NO_RECORDER;
  return {
    pipeline: createPipeline({ getBot, rateLimiter, logger, inFlight, recorder, answering }),
    recorder,
  };
}
