import { formatDate } from "../phrasing.js";
import { factsAnswer } from "./facts-by-section.js";
import type { Intent } from "./intent.js";

export const status: Intent = {
  name: "status",
  description: "Latest developments since signing, newest first",
  examples: ["status {deal}", "is the {deal} deal paused?", "latest on {deal}"],
  commands: ["status", "latest", "news", "updates"],
  cues: [
    "status",
    "latest",
    "paused",
    "pause",
    "suspended",
    "on hold",
    "halted",
    "halt",
    "back on",
    "on ice",
    "active again",
    "running again",
    "on again",
    "live again",
    "going again",
    "restarted",
    "revived",
    "unpaused",
    "scrapped",
    "cancelled",
    "canceled",
    "resumed",
    "resume",
    "stalled",
    "frozen",
    "shelved",
    "still active",
    "still on",
    "happened",
    "still in force",
    "developments",
    "development",
    "news",
    "update",
    "updates",
    "what happened",
    "since signing",
    "progress",
  ],
  run(request) {
    return factsAnswer(request, {
      sections: ["development"],
      title: "Latest developments",
      lead: () =>
        `Developments after signing, newest first (the knowledge is as of ${formatDate(request.ctx.knowledge.asOf)}):`,
      newestFirst: true,
    });
  },
};
