import { formatDate } from "../phrasing.js";
import { factsAnswer } from "./facts-by-section.js";
import type { Intent } from "./intent.js";

export const when: Intent = {
  name: "when",
  description: "When and where a deal was signed",
  examples: ["when was the {deal} deal signed?", "when {deal}"],
  commands: ["dates", "signed"],
  cues: [
    "when",
    "what date",
    "which date",
    "signing date",
    "signed on",
    "date signed",
    "where was",
    "where signed",
    "where",
  ],
  run(request) {
    return factsAnswer(request, {
      sections: ["signing"],
      title: "Signed",
      lead: (deals) =>
        deals
          .map((id) => {
            const deal = request.ctx.deal(id);
            return deal ? `${deal.partner}: ${formatDate(deal.signed.date)}, ${deal.signed.place}.` : "";
          })
          .join(" "),
    });
  },
};
