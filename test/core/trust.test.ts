import { beforeAll, describe, expect, it } from "vitest";
import type { IntentName } from "../../src/core/answer.js";
import type { Bot } from "../../src/core/bot.js";
import type { KnowledgeBase } from "../../src/core/model.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { excerptsOf, rowsOf } from "../helpers/answer-parts.js";
import { REAL_KNOWLEDGE, realBot } from "../helpers/bots.js";

let bot: Bot;
let knowledge: KnowledgeBase;
beforeAll(async () => {
  bot = await realBot();
  knowledge = (await loadKnowledge(REAL_KNOWLEDGE)).knowledge;
});

/** For every intent, a question it answers that names a country without a deal, a request the bot does not serve, and a named thing no text contains. */
const DECLINES: Record<IntentName, { country: string; offTopic: string; premise: string | null }> = {
  ask: {
    country: "canada quantum",
    offTopic: "write a poem about the korea deal",
    premise: "What is the Joint AI Council of the Korea deal?",
  },
  compare: {
    country: "compare quantum with canada",
    offTopic: "compare quantum lyrics",
    premise: "which deals set up a quantum moonshot fund?",
  },
  topics: {
    country: "topics canada",
    offTopic: "topics translate",
    premise: "topics of the Joint AI Council",
  },
  deals: { country: "deals with australia", offTopic: "deals song", premise: "deals council" },
  "who-signed": {
    country: "who signed the france deal",
    offTopic: "who signed the song",
    premise: "Who signed for the Trilateral Secretariat?",
  },
  when: {
    country: "when was the germany deal signed",
    offTopic: "when was the weather in tokyo signed",
    premise: "when was the korea deal signed for $40 billion",
  },
  status: {
    country: "status of the australia tpd",
    offTopic: "status of bitcoin price",
    premise: "status of the US-UK AI Safety Board",
  },
  sources: {
    country: "sources india",
    offTopic: "sources translate",
    premise: "sources for the Joint AI Council",
  },
  help: { country: "help canada", offTopic: "help me write python code", premise: null },
};

describe("a false signer, place or year inside an open question", () => {
  it.each([
    ["when was the korea deal signed in 2030", /signed on 29 October 2025\./, /29 October 2025/],
    [
      "Why did Biden and Kishida sign the Japan tech deal?",
      /signed by Michael Kratsios and Kimi Onoda\./,
      /Onoda.*Kratsios|Kratsios.*Onoda/,
    ],
    [
      "What does the Korea deal signed in Busan say about 6G?",
      /signed at Gyeongju .*, not in Busan\./,
      /Gyeongju/,
    ],
    ["Why was the UK deal signed at Balmoral?", /signed at Chequers.*, not at Balmoral\./, /Chequers/],
  ])("is corrected from the signing record, citing it first: %s", (question, correction, cited) => {
    const answer = bot.answer(question);
    expect(answer.found).toBe(true);
    // A "what" or "when" question asks for a thing or a time: the correction opens it without a "No".
    expect(answer.lead).toMatch(
      /^(what|when)/i.test(question) ? /^The texts say otherwise: / : /^No — the texts say otherwise: /,
    );
    expect(answer.lead).toMatch(correction);
    expect(excerptsOf(answer)[0]?.text).toMatch(cited);
  });

  it("is left alone when it matches the record", () => {
    expect(bot.answer("When did Kratsios and Onoda sign the Japan deal?").lead).not.toMatch(/otherwise/);
  });
});

describe("one decline gate for every intent", () => {
  for (const [intent, questions] of Object.entries(DECLINES)) {
    for (const [path, question] of Object.entries(questions)) {
      if (question === null) continue;
      it(`${intent}: declines ${path} (“${question}”) with no excerpts`, () => {
        const answer = bot.answer(question);
        expect(answer.intent).toBe(intent);
        expect(answer.found).toBe(false);
        expect(excerptsOf(answer)).toEqual([]);
        expect(rowsOf(answer)).toEqual([]);
        expect(answer.lead.length).toBeGreaterThan(0);
        if (path === "country")
          expect(answer.lead).toContain("the United Kingdom, Japan and the Republic of Korea");
        if (path === "offTopic") expect(answer.lead).toMatch(/^That is not a question about the deals\./);
        if (path === "premise")
          expect(answer.lead).toMatch(
            /(deal texts|texts I hold) (name no|mention no|do not mention|mention nothing)/,
          );
      });
    }
  }

  it("answers a deal named beside a country, with a note on the country", () => {
    const answer = bot.answer("canada and uk quantum");
    expect(answer.found).toBe(true);
    expect(answer.deals).toEqual(["uk"]);
    expect(answer.notes.join(" ")).toMatch(/no Technology Prosperity Deal with/i);
  });

  it("greets back a greeting and welcomes thanks, with a short usage line, not a decline", () => {
    const opening = {
      hello: "Hello!",
      "hi there": "Hello!",
      "thanks!": "You're welcome!",
      "thank you": "You're welcome!",
    };
    for (const [text, opens] of Object.entries(opening)) {
      const answer = bot.answer(text);
      expect(answer.intent).toBe("help");
      expect(answer.found).toBe(true);
      expect(
        answer.lead.startsWith(`${opens} I answer questions about the Technology Prosperity Deals`),
      ).toBe(true);
    }
  });
});

describe("a direct answer first", () => {
  it("opens a comparison of deals with no topic with what they share and what each lists alone, the hint after", () => {
    const answer = bot.answer("Compare the UK and Korea deals");
    expect(answer.lead).toMatch(/^Both deals list: Artificial intelligence; Quantum technology;/);
    expect(answer.lead).toMatch(
      /Only the deal with the United Kingdom lists: Civil nuclear energy;.* Name a topic/,
    );
    expect(bot.answer("compare all three deals").lead).toMatch(/^All three deals list: /);
  });

  it("does not count a deal whose passage denies what a which-deal question asks for", () => {
    const answer = bot.answer("In which deal is a specific US office named to represent the government?");
    expect(answer.deals).toEqual(["japan"]);
    expect(
      excerptsOf(answer)
        .map((excerpt) => excerpt.text)
        .join(" "),
    ).toContain("Office of Science and Technology Policy");
  });

  it("opens a yes/no coverage question with Yes or No, from the deal's own coverage", () => {
    const yes = bot.answer("does the uk deal cover quantum?");
    expect(yes.lead).toMatch(/^Yes — /);
    expect(yes.deals).toEqual(["uk"]);
    expect(excerptsOf(yes).every((excerpt) => excerpt.deal === "uk")).toBe(true);

    const no = bot.answer("does the korea deal cover fusion?");
    expect(no.lead).toMatch(/^No — /);
    expect(no.found).toBe(false);
    expect(excerptsOf(no)).toEqual([]);
    expect(no.lead).toContain("Japan");
  });

  it("attributes an item to the deal whose text has it, not the deal asked about", () => {
    const answer = bot.answer("Is the JT-60SA part of the UK deal?");
    expect(answer.lead).toMatch(/^No — .* is not in the U\.S\.–UK .* text; it is in the U\.S\.–Japan /);
    expect(answer.deals).toEqual(["japan"]);
    expect(excerptsOf(answer).length).toBeGreaterThan(0);
    expect(excerptsOf(answer).every((excerpt) => excerpt.deal === "japan")).toBe(true);
  });

  it("reads a deal right before a name as part of the name", () => {
    const answer = bot.answer("Is the Korea AI Safety Institute part of the Japan deal?");
    expect(answer.lead).toMatch(/^No — /);
    expect(answer.deals).toEqual(["korea"]);
  });

  it("answers which-deal questions in any wording with exactly the deals that cover it", () => {
    for (const text of [
      "which of the deals mention fusion?",
      "which TPDs cover fusion",
      "any of the deals on fusion?",
      "in which agreement is fusion mentioned?",
    ]) {
      const answer = bot.answer(text);
      expect(answer.intent, text).toBe("compare");
      expect(new Set(answer.deals), text).toEqual(new Set(["uk", "japan"]));
    }
    expect(bot.answer("which deal mentions the JT-60SA?").deals).toEqual(["japan"]);
    expect(bot.answer("do all three deals cover quantum?").lead).toMatch(/^Yes — all 3/);
    expect(bot.answer("do all three deals cover civil nuclear energy?").lead).toMatch(/^No — /);
  });

  it("lists the deals in signing order for first/last questions", () => {
    const answer = bot.answer("which deal was signed first?");
    expect(answer.intent).toBe("when");
    expect(answer.lead).toMatch(/^In order of signing: United Kingdom on 18 September 2025 \(the first\)/);
  });

  it("answers every order question by one route, the signing records, with the dates of the deals asked", () => {
    const twoNamed = [
      "Which was signed first, the Japan deal or the Korea deal?",
      "which came first, the korea tpd or the japan tpd?",
      "Which was earlier, the Korea MOU or the Japan MOC?",
      "which was signed later, japan or korea?",
    ];
    for (const question of twoNamed) {
      const answer = bot.answer(question);
      expect(answer.intent, question).toBe("when");
      expect(answer.lead, question).toBe(
        "In order of signing: Japan on 28 October 2025 (the earlier); then Republic of Korea on 29 October 2025 (the later).",
      );
    }
    for (const question of ["what is the oldest of the deals?", "latest tech prosperity deal?"]) {
      expect(bot.answer(question).lead, question).toMatch(/^In order of signing: .*\(the most recent\)\.$/);
    }
    for (const [question, lead] of [
      ["was the Korea deal signed before the UK deal?", /^No — .*29 October 2025, after .*18 September 2025/],
      ["is the japan deal older than the korea deal?", /^Yes — .*28 October 2025, before .*29 October 2025/],
    ] as const) {
      const answer = bot.answer(question);
      expect(answer.intent, question).toBe("when");
      expect(answer.lead, question).toMatch(lead);
    }
  });
});

describe("did X sign the deal?", () => {
  it("is No for anyone not among that deal's signatories, Yes for each of them, for every deal", () => {
    for (const deal of knowledge.deals) {
      const own = deal.signatories.map((person) => person.name);
      const others = knowledge.deals
        .flatMap((other) => other.signatories.map((person) => person.name))
        .filter((name) => !own.includes(name));
      for (const name of [...others, "Joe Biden"]) {
        const answer = bot.answer(`Did ${name} sign the ${deal.aliases[0]} deal?`);
        expect(answer.lead, `${name} / ${deal.id}`).toMatch(/^No — /);
        for (const signer of own) expect(answer.lead, `${name} / ${deal.id}`).toContain(signer);
      }
      for (const name of own) {
        const answer = bot.answer(`Did ${name} sign the ${deal.aliases[0]} deal?`);
        expect(answer.lead, `${name} / ${deal.id}`).toMatch(new RegExp(`^Yes — ${name} signed`));
      }
    }
  });

  it("is No for a country that is not where the deal was signed, and no Yes or No for a place the record does not name", () => {
    for (const deal of knowledge.deals) {
      const elsewhere = knowledge.deals.find((other) => other.id !== deal.id);
      const no = bot.answer(`Was the ${deal.aliases[0]} deal signed in ${elsewhere?.partner}?`);
      expect(no.lead, deal.id).toMatch(/^No — /);
      expect(no.lead, deal.id).toContain(deal.signed.place);
      expect(bot.answer(`Was the ${deal.aliases[0]} deal signed in Atlantis?`).lead).not.toMatch(
        /^(Yes|No) — /,
      );
    }
  });
});

describe("premises a question holds", () => {
  it("leads with the clause committing no funds when a sum is said to be committed", () => {
    const { lead } = bot.answer("The UK deal commits £150bn - how is that money split up?");
    expect(lead).toContain("nothing in it commits either side to spend funds");
  });

  it("says a name no text has before the heading of the excerpts, not after it", () => {
    const { lead } = bot.answer("Would Japan's Diet have to ratify the MOC?");
    expect(lead).toMatch(
      /^No — .*\. The texts I hold do not mention “Japan's Diet”\. What the [^:]* says on Legal status and funding:$/,
    );
  });

  it("says a clause after a colon in its whole sentence when it does not say what it is about", () => {
    expect(bot.answer("Is there anything on critical infrastructure?").lead).toMatch(
      /^Yes — the U\.S\.–UK .* covers positioning, navigation and timing \(PNT\): making critical infrastructure/,
    );
  });

  it("cites the passage a lead quotes the closest wording from", () => {
    const answer = bot.answer(
      "Does the Korea deal use the words 'following recognition' as the Japan one does?",
    );
    expect(answer.lead).toContain("they say “have reached the following understandings”");
    expect(excerptsOf(answer).map((excerpt) => excerpt.passageId)).toContain("korea-wording");
  });

  it("says a sentence that closes a quotation from where the quotation opens", () => {
    const lead = bot.answer("Did Kratsios say anything about the Japan and Korea deals?").lead;
    expect(lead).toMatch(
      /^Yes — “The Trump Administration is redefining .* our partners,” said Michael Kratsios/,
    );
  });

  it("says what nothing matched without the words that only frame the question", () => {
    expect(bot.answer("Any mention of critical minerals?").lead).toContain("matches “critical minerals”.");
  });

  it("says every name the texts lack, and ends a name at a comma", () => {
    expect(bot.answer("Does the Korea deal mention Hyundai or Samsung?").lead).toBe(
      "No — the texts I hold do not mention “Hyundai” or “Samsung”.",
    );
    const { lead } = bot.answer("Did Google, Microsoft, and Nvidia invest?");
    expect(lead).toContain("do not mention “Nvidia”");
    expect(lead).not.toContain("Google");
    // Without the comma before "and", the "and" still ends the list, not a name.
    expect(bot.answer("Did Google, Microsoft and Nvidia invest?").lead).toContain("do not mention “Nvidia”,");
    expect(bot.answer("Did Samsung, Hyundai and SK invest in the Korea deal?").lead).toContain(
      "“Samsung” or “Hyundai”,",
    );
  });

  it("names the whole of a name holding a deal's name ('Bank of Korea'), not its first word", () => {
    expect(bot.answer("What did the Bank of Korea say about the TPD?").lead).toContain("“Bank of Korea”");
    expect(bot.answer("What did Korea Hydro & Nuclear Power get?").lead).toContain(
      "“Korea Hydro & Nuclear Power”",
    );
  });
});

describe("multi-part questions", () => {
  it("answers each part", () => {
    const answer = bot.answer("who signed the korea deal and when?");
    expect(answer.lead).toContain("Kratsios");
    expect(answer.lead).toContain("29 October 2025");
    expect(excerptsOf(answer).length).toBeLessThanOrEqual(3);
  });

  it("shows a passage for each topic asked together", () => {
    const answer = bot.answer("japan fusion and space");
    const excerptTopics = excerptsOf(answer).flatMap(
      (excerpt) => knowledge.passages.find((p) => p.id === excerpt.passageId)?.topics ?? [],
    );
    expect(excerptTopics).toContain("fusion");
    expect(excerptTopics).toContain("space");
  });

  it("asked in another language, says once, after both parts, that it answers in English", () => {
    for (const question of [
      "¿Quién firmó el acuerdo con Japón y cuándo?",
      "Qui a signé l'accord avec la Corée et où ?",
    ]) {
      const { lead } = bot.answer(question);
      expect(lead).toContain("Kratsios");
      expect(lead.split("I answer in English").length, lead).toBe(2);
      expect(lead.endsWith("I answer in English, from the English texts of the deals."), lead).toBe(true);
    }
  });

  it("names a deal both parts are about once in the title", () => {
    const answer = bot.answer(
      "Japan MOC: which office represents the US side, and which fusion machine does it name?",
    );
    const parts = answer.title.split(" · ");
    expect(parts).toContain("Japan");
    expect(new Set(parts).size).toBe(parts.length);
  });
});

describe("no topic bleed", () => {
  /** A deal covers a topic when it lists it among its areas or one of its own passages is tagged with it. */
  const covers = (deal: string, topic: string) =>
    knowledge.deals.find((d) => d.id === deal)?.areas.includes(topic) ||
    knowledge.passages.some((p) => p.deals.includes(deal as never) && p.topics.includes(topic));

  it("every compare row's “covered by” agrees with the deal's own areas and facts, for every (deal, topic)", () => {
    for (const topic of knowledge.topics) {
      const answer = bot.answer(`compare ${topic.id}`);
      expect(answer.intent, topic.id).toBe("compare");
      expect(answer.topics, topic.id).toContain(topic.id);
      for (const deal of knowledge.deals) {
        const row = rowsOf(answer).find((r) => r.deal === deal.id);
        expect(row, `${deal.id} ${topic.id}`).toBeDefined();
        expect(row?.excerpt !== null, `${deal.id} × ${topic.id}`).toBe(covers(deal.id, topic.id));
        if (row?.excerpt) {
          const passage = knowledge.passages.find((p) => p.id === row.excerpt?.passageId);
          expect(passage?.deals, `${deal.id} × ${topic.id}`).toContain(deal.id);
        }
      }
      expect(new Set(answer.deals)).toEqual(
        new Set(knowledge.deals.filter((d) => covers(d.id, topic.id)).map((d) => d.id)),
      );
    }
  });

  it("a deal and a topic it does not cover is declined; one it covers is answered from that deal only", () => {
    for (const topic of knowledge.topics) {
      for (const deal of knowledge.deals) {
        const answer = bot.answer(`${deal.id} ${topic.id}`);
        if (covers(deal.id, topic.id)) {
          expect(answer.found, `${deal.id} ${topic.id}`).toBe(true);
          expect(answer.deals).toEqual([deal.id]);
          for (const excerpt of excerptsOf(answer)) {
            const passage = knowledge.passages.find((p) => p.id === excerpt.passageId);
            expect(passage?.deals, `${deal.id} ${topic.id}`).toContain(deal.id);
          }
        } else {
          expect(answer.found, `${deal.id} ${topic.id}`).toBe(false);
          expect(excerptsOf(answer)).toEqual([]);
        }
      }
    }
  });

  it("an alias shared by two topics (reactors) never makes a deal cover a topic", () => {
    const nuclear = bot.answer("compare civil nuclear energy");
    expect(nuclear.deals).toEqual(knowledge.deals.filter((d) => covers(d.id, "nuclear")).map((d) => d.id));
  });
});

describe("yes/no questions about what a text says", () => {
  it("answers from the sentence that carries the question's words, a negation deciding", () => {
    expect(bot.answer("Is the UK deal legally binding?").lead).toMatch(/^No — .*not legally binding/);
    expect(bot.answer("Was the UK deal signed at Chequers?").lead).toMatch(/^Yes — .*Chequers/);
  });

  it("answers No to a city the signing record does not name, even one that is also a deal's name", () => {
    expect(bot.answer("Was the UK deal signed in London?").lead).toMatch(
      /^No — .*Chequers.*, not in London\./,
    );
    expect(bot.answer("Was the Korea deal signed in Seoul?").lead).toMatch(
      /^No — .*Gyeongju.*, not in Seoul\./,
    );
    expect(bot.answer("Was the Japan deal signed in Tokyo?").lead).toMatch(/^Yes — .*Tokyo/);
    // The partner's country under another name holds the recorded place; an occasion is no city.
    expect(bot.answer("Was the UK deal signed in Britain?").lead).toMatch(/^Yes — .*Chequers/);
    expect(bot.answer("Was the Korea deal signed during APEC?").lead).toMatch(/^Yes — .*APEC/);
  });

  it("does not answer a question about another clause of the legal-status topic with whether the deal binds", () => {
    for (const question of [
      "Does the UK deal have a termination clause?",
      "Does the UK deal omit a termination clause?",
      "Does the Korea MOU have an exit clause?",
    ]) {
      expect(bot.answer(question).lead, question).not.toMatch(/^(Yes|No) — .*legally binding/);
    }
    expect(bot.answer("Is the Japan TPD a formal treaty?").lead).toMatch(/^No — .*non-treaty/);
  });

  it("checks who signed against the deal's own signatories", () => {
    expect(bot.answer("Did Trump sign the Japan deal himself?").lead).toMatch(
      /^No — the U\.S\.–Japan .* signed by /,
    );
    expect(bot.answer("Did Starmer sign the UK deal?").lead).toMatch(/^Yes — Keir Starmer signed/);
  });
});

describe("deal cards cite the source that records the signing", () => {
  it("each card's date and place come with a source whose signing record names that place and date", () => {
    const items = bot.answer("deals").body;
    expect(items.kind).toBe("list");
    if (items.kind !== "list") return;
    expect(items.items).toHaveLength(knowledge.deals.length);
    for (const deal of knowledge.deals) {
      const card = items.items.find((item) => item.query === deal.id);
      const source = knowledge.sources.find((candidate) => candidate.url === card?.source?.url);
      const record = knowledge.passages.filter(
        (passage) =>
          passage.sourceId === source?.id && passage.deals.includes(deal.id) && passage.section === "signing",
      );
      const town = deal.signed.place.split(",")[0] as string;
      const [year, , day] = deal.signed.date.split("-");
      expect(
        record.some((passage) => passage.text.includes(town)),
        `${deal.id}: ${town}`,
      ).toBe(true);
      expect(
        record.some(
          (passage) => passage.text.includes(`${Number(day)} `) && passage.text.includes(year as string),
        ),
      ).toBe(true);
    }
  });

  it("never credits Tokyo, the Gyeongju venue or Chequers to the deal texts themselves", () => {
    const cards = bot.answer("deals").body;
    const shown = cards.kind === "list" ? cards.items : [];
    const official = new Set(
      knowledge.deals.map((deal) => knowledge.sources.find((s) => s.id === deal.sourceIds[0])?.url),
    );
    for (const item of shown) expect(official.has(item.source?.url), item.title).toBe(false);
  });
});

describe("section answers", () => {
  it("open with the clause asked, then name the section in plain words, never by its data id", () => {
    const starts = bot.answer("when does the korea deal take effect");
    expect(starts.lead).toMatch(
      /^The U\.S\.–Korea .* becomes operative on the last signature.* The entry into effect of the U\.S\.–Korea/,
    );
    const ends = bot.answer("how can the uk deal be ended");
    expect(ends.lead).toMatch(/^Either side may discontinue .* The exit terms of the U\.S\.–UK/);
    // The heading after the clause's sentence names the section in plain words.
    for (const answer of [starts, ends])
      expect(answer.lead.replace(/^.*\. (?=The (entry|exit))/, "")).not.toMatch(/operative|discontinuation/);
  });
});

describe("a question whose lead would only introduce its excerpts", () => {
  it("opens with the sentence of the excerpts that holds the words asked beyond the heading", () => {
    const cases: Array<[string, RegExp]> = [
      [
        "what's CAISI partnering with in japan",
        /^In the U\.S\.–Japan .*partnership between .* and the Japan AI Safety Institute/,
      ],
      ["what is the JT-60SA", /^In the U\.S\.–Japan .*the JT-60SA tokamak/],
      [
        "when's the 12th joint committee",
        /^A later report on the U\.S\.–Korea .*12th U\.S\.–Korea Joint Committee .* second half of 2026/,
      ],
      ["How will the US and UK speed up reactor licensing?", /^The U\.S\.–UK .*within two years/],
      ["what does the korea deal say about moon to mars?", /^On space, the U\.S\.–Korea .*the Moon and Mars/],
      // Why it was paused: the reason the report of the pause gives, not the sentence saying it was.
      [
        "why did the US pause the UK deal",
        /^The reports I hold give this reason: “The New York Times reported that the UK's digital services tax/,
      ],
      ["What was the reason for the UK pause?", /^The reports I hold give this reason: “The New York Times/],
      // "When did …?" asks a time as "When was …?" does.
      ["When did the Korea working group launch?", /^Korea's science ministry announced on 21 February 2026/],
      [
        "what did the prime minister's spokesman say about the pause",
        /^Responding to reports of the pause, the Prime Minister's official spokesman/,
      ],
    ];
    for (const [question, lead] of cases) expect(bot.answer(question).lead, question).toMatch(lead);
  });

  it("goes on after a Yes or No in the case a thing is written in", () => {
    expect(bot.answer("Does the Korea deal set up a working group?").lead).toMatch(
      /^No — working group is not in the U\.S\.–Korea Technology Prosperity Deal text; it comes up in a later development:/,
    );
    expect(bot.answer("does the japan deal mention national labs").lead).toMatch(
      /^No — national labs is not in/,
    );
  });

  it("keeps the heading for words alone, and for a question about something no text names", () => {
    expect(bot.answer("uk cyber").lead).toMatch(/^What the U\.S\.–UK .* says on Cybersecurity:$/);
    const penalties = bot.answer("Pretend the UK deal is binding. What penalties apply?").lead;
    expect(penalties).toMatch(/^The texts I hold name no “penalties”\. What the U\.S\.–UK /);
  });

  it("names the thing the texts lack without the verb of what a deal might do to it", () => {
    expect(bot.answer("Does the deal affect tariffs?").lead).toMatch(/^The texts I hold name no “tariffs”/);
    expect(bot.answer("Will the deal reduce tariffs?").lead).toMatch(/^The texts I hold name no “tariffs”/);
  });
});

describe("contractions", () => {
  it("never echo the tail of I'm, we're, I've or we'll as a word asked", () => {
    for (const opener of ["I'm", "We're", "I've", "We'll"]) {
      const answer = bot.answer(`${opener} writing a profile of Kimi Onoda. What was her part?`);
      expect(answer.lead).not.toMatch(/“(m|re|ve|ll)\b/);
    }
  });
});

describe("common words", () => {
  it("are read as typed, never as a slip of a word the texts use", () => {
    const slips = { fight: "flight", tough: "though", complete: "compete", experts: "exports" };
    for (const [typed, slip] of Object.entries(slips)) {
      const { lead } = bot.answer(`Is there a ${typed} in the UK deal?`);
      expect(lead).toContain(`“${typed}”`);
      expect(lead).not.toContain(slip);
    }
  });

  it("are no slip of a topic's word either ('Google Maps' is not Mars, nor 'mood' the Moon)", () => {
    expect(bot.answer("Does the Korea deal mention app stores?").lead).toContain("“app stores”");
    for (const typed of ["Google Maps", "mood", "a coast"]) {
      const answer = bot.answer(`Does the Korea deal mention ${typed}?`);
      expect(answer.readings.filter((reading) => reading.fuzzy)).toEqual([]);
      expect(answer.lead).not.toMatch(/^Yes/);
    }
  });
});
