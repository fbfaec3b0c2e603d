import { countWord } from "../phrasing.js";
import { factsAnswer } from "./facts-by-section.js";
import type { Intent } from "./intent.js";

export const whoSigned: Intent = {
  name: "who-signed",
  description: "Who signed a deal, and in what office",
  examples: ["who signed the {deal} deal?", "who-signed {deal}"],
  commands: ["who-signed", "signatories", "signers"],
  run(request) {
    return factsAnswer(request, {
      sections: ["signatories"],
      title: "Signatories",
      lead: (deals) =>
        deals
          .map((id) => {
            const deal = request.ctx.deal(id);
            const names = deal?.signatories.map(
              (s) => `${s.name} (${s.office})${s.disputed ? " [disputed]" : ""}`,
            );
            // "How many people signed it?": the signatories counted first.
            const count = request.query.tokens.includes("many")
              ? `${countWord(names?.length ?? 0)} signatories, `
              : "";
            return `${deal?.partner}: ${count}${names?.join(" and ")}.`;
          })
          .join(" "),
    });
  },
};
