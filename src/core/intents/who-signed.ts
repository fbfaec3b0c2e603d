import { factsAnswer } from "./facts-by-section.js";
import type { Intent } from "./intent.js";

export const whoSigned: Intent = {
  name: "who-signed",
  description: "Who signed a deal, and in what office",
  examples: ["who signed the {deal} deal?", "who-signed {deal}"],
  commands: ["who-signed", "signatories", "signers"],
  cues: `who signed, who sign, signed by, signatory, signatories, signers, signer, who, whom, 署名, 서명, 누가,
    qui a signé, wer hat, quién firmó, chi ha firmato, quem assinou`.split(/,\s*/),
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
            return `${deal?.partner}: ${names?.join(" and ")}.`;
          })
          .join(" "),
    });
  },
};
