import { beforeAll, describe, expect, it } from "vitest";
import { contextOf as contextOfMessage } from "../../src/adapters/discord/conversation.js";
import { ANSWER_EVENT_TYPE, latestAnswer } from "../../src/adapters/slack/conversation.js";
import type { Answer } from "../../src/core/answer.js";
import { type Bot, dealIds } from "../../src/core/bot.js";
import { contextOf, readTurnContext, type TurnContext } from "../../src/core/follow-up.js";
import { excerptsOf, rowsOf } from "../helpers/answer-parts.js";
import { fixtureBot, realBot } from "../helpers/bots.js";

let bot: Bot;
beforeAll(async () => {
  bot = await fixtureBot();
});

/** Asks each question in turn, each with the context of the answer before it, as a thread would. */
function converse(target: Bot, questions: readonly string[]): Answer[] {
  const answers: Answer[] = [];
  let context: TurnContext | undefined;
  for (const question of questions) {
    const answer = target.answer(question, context ? { context } : {});
    answers.push(answer);
    context = contextOf(answer);
  }
  return answers;
}

const passages = (answer: Answer | undefined) =>
  (answer ? excerptsOf(answer) : undefined)?.map((excerpt) => excerpt.passageId);
const carried = (answer: Answer | undefined) =>
  answer?.readings.filter((reading) => reading.carried).map((reading) => `${reading.words}=${reading.as}`);

describe("GIVEN a previous answer as context", () => {
  it("THEN another deal alone asks the same question of that deal ('and japan?' after 'korea 6g')", () => {
    const [, followUp] = converse(bot, ["korea 6g", "and japan?"]);
    expect(followUp?.deals).toEqual(["japan"]);
    expect(followUp?.topics).toEqual(["telecom"]);
    expect(passages(followUp)).toEqual(passages(bot.answer("japan 6g")));
    expect(carried(followUp)).toEqual(["6g=telecom"]);
  });

  it("THEN a new kind of question about 'it' asks about the same deal ('who signed it?' after Korea)", () => {
    const [, followUp] = converse(bot, ["korea 6g", "who signed it?"]);
    expect(followUp?.intent).toBe("who-signed");
    expect(followUp?.deals).toEqual(["korea"]);
    expect(passages(followUp)).toEqual(passages(bot.answer("who signed the korea deal?")));
    expect(carried(followUp)).toEqual(["korea=korea"]);
  });

  it("THEN follow-ups chain: each carries what the one before it carried", () => {
    const answers = converse(bot, ["korea 6g", "and japan?", "who signed it?"]);
    expect(answers[2]?.deals).toEqual(["japan"]);
    expect(answers[2]?.intent).toBe("who-signed");
  });

  it("THEN the kind of question carries to another deal ('and japan?' after who signed the Korea deal)", () => {
    const [, followUp] = converse(bot, ["who signed the korea deal?", "and japan?"]);
    expect(followUp?.intent).toBe("who-signed");
    expect(followUp?.deals).toEqual(["japan"]);
    expect(carried(followUp)).toEqual(["who signed=who-signed"]);
  });

  it("THEN a new subject keeps the deal, and 'compare' alone compares the previous subject", () => {
    const [, quantum] = converse(bot, ["japan fusion", "what about quantum?"]);
    expect(quantum?.deals).toEqual(["japan"]);
    expect(quantum?.topics).toEqual(["quantum"]);
    const [, compared] = converse(bot, ["korea 6g", "compare"]);
    expect(compared?.intent).toBe("compare");
    expect(compared?.topics).toEqual(["telecom"]);
    expect((compared ? rowsOf(compared) : undefined)?.map((row) => row.deal)).toEqual(
      rowsOf(bot.answer("compare 6g")).map((row) => row.deal),
    );
  });

  it("THEN 'more' continues the previous answer, and says so when there is nothing further", () => {
    const [first, second, third] = converse(bot, ["japan", "more", "more"]);
    expect(first?.page.next).toBe(3);
    expect(second?.page.offset).toBe(3);
    expect(passages(second)).toEqual(passages(bot.answer("japan", { offset: 3 })));
    expect(second?.page.next).toBeNull();
    expect(third?.lead).toMatch(/nothing more to show/);
    expect(passages(third)).toEqual([]);
    expect(third?.page.next).toBeNull();
  });

  it("THEN 'anything else?' and 'what else?' continue it as 'more' does", () => {
    for (const more of ["anything else?", "what else?"]) {
      const [, next] = converse(bot, ["japan", more]);
      expect(next?.page.offset, more).toBe(3);
      expect(passages(next), more).toEqual(passages(bot.answer("japan", { offset: 3 })));
    }
  });

  it("THEN a whole question of its own carries nothing", () => {
    for (const question of ["korea quantum", "help", "deals"]) {
      const [, answer] = converse(bot, ["japan 6g", question]);
      const alone = bot.answer(question);
      expect(answer?.query, question).toBe(alone.query);
      expect(passages(answer), question).toEqual(passages(alone));
      expect(carried(answer), question).toEqual([]);
    }
  });

  it("THEN nothing carries out of help or the list of deals", () => {
    const [, afterHelp] = converse(bot, ["help", "and korea"]);
    expect(afterHelp?.intent).toBe(bot.answer("and korea").intent);
    expect(carried(afterHelp)).toEqual([]);
  });

  it("THEN a country without a deal is still declined", () => {
    const [, china] = converse(bot, ["korea 6g", "and france?"]);
    expect(china?.found).toBe(false);
    expect(china?.deals).toEqual([]);
  });

  it("THEN the answer depends only on the question and the context passed in", () => {
    const context = contextOf(bot.answer("korea 6g"));
    bot.answer("japan fusion");
    expect(bot.answer("and japan?", { context })).toEqual(bot.answer("and japan?", { context }));
  });
});

describe("over the real knowledge", () => {
  it("answers the issue's conversation: korea 6g, and japan?, who signed it?", async () => {
    const real = await realBot();
    const [, japan, signatories] = converse(real, ["korea 6g", "and japan?", "who signed it?"]);
    expect(japan?.deals).toEqual(["japan"]);
    expect(japan?.topics).toEqual(["telecom"]);
    expect(signatories?.intent).toBe("who-signed");
    expect(signatories?.deals).toEqual(["japan"]);
    for (const whole of ["which deal covers fusion?", "write a song about korea"]) {
      const [, answer] = converse(real, ["korea 6g", whole]);
      expect(answer?.query).toBe(whole);
    }
    const [, china] = converse(real, ["korea 6g", "and china?"]);
    expect(china?.found).toBe(false);
    const [, korea] = converse(real, ["korea 6g", "who signed it?"]);
    expect(korea?.deals).toEqual(["korea"]);
    expect((korea ? excerptsOf(korea) : undefined)?.map((e) => e.passageId)).toEqual(
      excerptsOf(real.answer("who signed the korea deal?")).map((e) => e.passageId),
    );
  });

  it("reads 'since when?' after where a deal stands as when that happened, not when it was signed", async () => {
    const real = await realBot();
    const [, since] = converse(real, ["is the uk deal paused?", "since when?"]);
    expect(since?.intent).toBe("status");
    expect(since?.deals).toEqual(["uk"]);
    expect(passages(since)?.[0]).toBe(passages(real.answer("when was the uk deal paused?"))?.[0]);
    const [, signed] = converse(real, ["is the uk deal paused?", "when was it signed?"]);
    expect(signed?.intent).toBe("when");
    const [, afterSigners] = converse(real, ["who signed the korea deal?", "when?"]);
    expect(afterSigners?.intent).toBe("when");
    const [, happened] = converse(real, ["is the uk deal paused?", "when did that happen?"]);
    expect(happened?.intent).toBe("status");
    expect(happened?.lead).not.toContain("happen");
    expect(passages(happened)?.[0]).toBe(passages(since)?.[0]);
  });

  it("reads 'what is her title?' after who signed as the signatories' offices, not the document's title", async () => {
    const real = await realBot();
    const [, title] = converse(real, ["who signed the japan deal?", "what is her title?"]);
    expect(title?.intent).toBe("who-signed");
    expect(title?.deals).toEqual(["japan"]);
    expect(title?.lead).toContain("Kimi Onoda (Minister of State for Science and Technology Policy)");
  });

  it("answers 'is she a minister?' after who signed with no Yes or No: the texts cannot tell who 'she' is", async () => {
    const real = await realBot();
    const [, office] = converse(real, ["who signed the korea deal?", "is she a minister?"]);
    expect(office?.intent).toBe("who-signed");
    expect(office?.deals).toEqual(["korea"]);
    expect(office?.lead).toMatch(
      /^I can't tell from the question who “she” is\. .*Bae Kyung-hoon \(Deputy Prime Minister/,
    );
  });

  it("reads 'did she say anything?' after who signed as what the sources quote of that deal's signatories", async () => {
    const real = await realBot();
    const [, said, title] = converse(real, [
      "who signed the japan deal?",
      "did she say anything?",
      "what is her title?",
    ]);
    expect(said?.intent).toBe("ask");
    expect(said?.lead).toBe(
      "The texts I hold do not quote Kimi Onoda. What Michael Kratsios said, as the sources report it:",
    );
    expect(passages(said)).toEqual(["jk-kratsios-quote"]);
    // Her title after that is still the signatories' offices, not the quotes again.
    expect(title?.intent).toBe("who-signed");
    expect(title?.lead).toContain("Kimi Onoda (Minister of State for Science and Technology Policy)");
    const [, uk] = converse(real, ["who signed the uk deal?", "what did they say about AI?"]);
    expect(uk?.lead).toBe("The texts I hold do not quote Donald Trump or Keir Starmer.");
  });

  it("reads 'the first one' after which deals cover a topic as that deal of the answer, on the topic", async () => {
    const real = await realBot();
    const [found, first] = converse(real, ["which deals cover fusion?", "tell me more about the first one"]);
    expect(found?.deals).toEqual(["uk", "japan"]);
    expect(first?.deals).toEqual(["uk"]);
    expect(first?.topics).toEqual(["fusion"]);
    const [, last] = converse(real, ["which deals mention quantum?", "the last one?"]);
    expect(last?.deals).toEqual(["korea"]);
    expect(last?.topics).toEqual(["quantum"]);
    // After the list of deals: that deal of the list, and then "it" is that deal.
    const [, second, signers] = converse(real, ["list the deals", "the second one", "who signed it"]);
    expect(second?.deals).toEqual(["japan"]);
    expect(signers?.intent).toBe("who-signed");
    expect(signers?.deals).toEqual(["japan"]);
  });

  it("asks the previous question of every deal a follow-up names, and 'when?' of a name asked before", async () => {
    const real = await realBot();
    const [, both] = converse(real, ["Is the UK deal binding?", "what about Japan and Korea?"]);
    expect(both?.deals).toEqual(["japan", "korea"]);
    expect(both?.lead).toMatch(/^No — /);
    const [, when] = converse(real, ["what is the genesis mission", "when was that?"]);
    expect(when?.intent).not.toBe("when");
    expect(passages(when)?.[0]).toBe("japan-genesis-partnership");
  });

  it("reads a bare 'which deal?' as which deals have what the previous question asked about", async () => {
    const real = await realBot();
    const [, which] = converse(real, ["korea 6g", "which deals?"]);
    expect(which?.intent).toBe("compare");
    expect(which?.topics).toEqual(["telecom"]);
    const [, signed] = converse(real, ["who signed the uk deal", "which deals?"]);
    expect(signed?.intent).toBe("deals");
  });

  it("reads 'quote it' after a yes/no question of coverage as the subject in the texts' words", async () => {
    const real = await realBot();
    const [, quoted] = converse(real, ["Does the UK deal cover quantum?", "quote it"]);
    expect(quoted?.deals).toEqual(["uk"]);
    expect(quoted?.topics).toEqual(["quantum"]);
    expect(quoted?.lead).not.toMatch(/^No — /);
    expect(passages(quoted)).toEqual(passages(real.answer("quote the UK deal on quantum")));
  });

  it("reads 'it' as the subject asked before ('how long does it take?' after 'licensing?' of the UK deal)", async () => {
    const real = await realBot();
    const [, , licensing] = converse(real, ["uk nuclear", "licensing?", "how long does it take?"]);
    expect(licensing?.deals).toEqual(["uk"]);
    expect(licensing?.lead).toContain("reactor design licensing within two years");
    const [, notice] = converse(real, ["Can the UK deal be ended?", "how long does it take?"]);
    expect(notice?.lead).toContain("180 days after the notice");
    const [, signing] = converse(real, ["When was the Korea deal signed?", "is that all?"]);
    expect(signing?.intent).toBe("when");
  });

  it("reads 'is it part of the TPD?' after a name as whether the deals hold that name", async () => {
    const real = await realBot();
    const [, partOf] = converse(real, ["What is the Genesis Mission?", "is it part of the TPD?"]);
    expect(partOf?.lead).toMatch(/^No — the deal texts say nothing on Genesis Mission\./);
    expect(passages(partOf)).toContain("japan-genesis-partnership");
    // "it" is still the name after that question of the deals.
    const [, , announced] = converse(real, [
      "What is the Genesis Mission?",
      "is it part of the TPD?",
      "who announced it?",
    ]);
    expect(announced?.query).toBe("who announced genesis mission");
    expect(passages(announced)).toEqual(["japan-genesis-partnership"]);
  });

  it("reads 'does japan cover that too?' as whether the other deal covers the previous subject", async () => {
    const real = await realBot();
    const [, covered] = converse(real, ["korea 6g", "does japan cover that too?"]);
    expect(covered?.deals).toEqual(["japan"]);
    expect(covered?.lead).toMatch(/^Yes — .* covers telecommunications, 5G and 6G:$/);
    const [, inIt] = converse(real, ["korea 6g", "is that in japan too?"]);
    expect(inIt?.deals).toEqual(["japan"]);
    expect(inIt?.lead).toMatch(/^Yes — .* covers telecommunications, 5G and 6G:$/);
  });

  it("reads 'what do they say?' after which deals cover a topic as what the deals say on it", async () => {
    const real = await realBot();
    const [, said] = converse(real, ["which deals cover fusion?", "what do they say?"]);
    expect(said?.found).toBe(true);
    expect(said?.topics).toEqual(["fusion"]);
    const [, signed] = converse(real, ["which deals mention quantum?", "who signed them?"]);
    expect(signed?.intent).toBe("who-signed");
    const [, each] = converse(real, ["which deals cover 6g?", "what does each say?"]);
    expect(each?.found).toBe(true);
    expect(each?.topics).toEqual(["telecom"]);
    // One deal found is pointed back at as "it".
    const [, it] = converse(real, ["which deal covers cybersecurity?", "what does it say?"]);
    expect(it?.found).toBe(true);
    expect(it?.deals).toEqual(["uk"]);
    expect(it?.topics).toEqual(["cyber"]);
  });

  it("reads 'he' or 'her' after 'Who is Kratsios?' as the person asked about", async () => {
    const real = await realBot();
    const [, said] = converse(real, ["Who is Kratsios?", "what did he say?"]);
    expect(said?.query).toBe("what did kratsios say");
    expect(said?.lead).toMatch(/^What Michael Kratsios said/);
    const [, signed] = converse(real, ["Who is Bae Kyung-hoon?", "did he sign?"]);
    expect(signed?.deals).toEqual(["korea"]);
    expect(signed?.lead).toMatch(/^Yes — Bae Kyung-hoon signed/);
  });

  it("asks 'and the others?' of the deals the previous question did not name", async () => {
    const real = await realBot();
    const [, others] = converse(real, ["is the korea deal binding?", "and the others?"]);
    expect(others?.deals).toEqual(["uk", "japan"]);
    expect(others?.lead).toMatch(/^No — /);
    const [, signers] = converse(real, ["who signed the uk deal?", "what about the other two?"]);
    expect(signers?.intent).toBe("who-signed");
    expect(signers?.deals).toEqual(["japan", "korea"]);
    // "ones" alone names no other deal: "only US ones" is not "the others".
    const [, ones] = converse(real, ["which agencies are named in the korea deal?", "only US ones"]);
    expect(ones?.deals).not.toContain("japan");
  });

  it("asks a yes/no follow-up with a subject of its own of the same deal, not as the previous kind of question", async () => {
    const real = await realBot();
    const [, chequers] = converse(real, ["who signed the uk deal?", "was it at Chequers?"]);
    expect(chequers?.intent).not.toBe("who-signed");
    expect(chequers?.deals).toEqual(["uk"]);
    expect(chequers?.lead).toMatch(/^Yes — .*Chequers/);
  });

  it("answers 'who said so?' with the documents the previous answer's excerpts come from", async () => {
    const real = await realBot();
    const [paused, said] = converse(real, ["is the uk deal paused?", "who said so?"]);
    expect(said?.intent).toBe("sources");
    const cited = new Set(excerptsOf(paused as Answer).map((excerpt) => excerpt.source.title));
    const listed = said?.body.kind === "list" ? said.body.items.map((item) => item.title) : [];
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed)).toEqual(cited);
    const [, none] = converse(real, ["help", "where's that from?"]);
    expect(none?.found).toBe(false);
  });

  it("keeps the conversation on the previous question after 'who said so?'", async () => {
    const real = await realBot();
    const [, , resumed] = converse(real, ["is the uk deal paused?", "who said so?", "has it resumed?"]);
    expect(resumed?.deals).toEqual(["uk"]);
    expect(resumed?.lead).toMatch(/^No — no report I hold says work on the U\.S\.–UK/);
  });

  it("asks 'and fusion?' after a yes/no on coverage as the same yes/no, and a new question word as its own", async () => {
    const real = await realBot();
    const [, , fusion] = converse(real, [
      "does the uk deal cover quantum?",
      "what about japan?",
      "and fusion?",
    ]);
    expect(fusion?.deals).toEqual(["japan"]);
    expect(fusion?.lead).toMatch(/^Yes — the U\.S\.–Japan Technology Prosperity Deal covers fusion energy/);
    const [, exit] = converse(real, ["is the korea deal binding?", "and the exit terms?"]);
    expect(exit?.lead).not.toMatch(/^(Yes|No) — /);
    const [, , agreed] = converse(real, [
      "who signed the japan deal",
      "where?",
      "what did they agree on AI?",
    ]);
    expect(agreed?.query).not.toMatch(/where/);
    expect(agreed?.topics).toEqual(["ai"]);
  });

  it("narrows a comparison to the deal a follow-up names alone ('only korea'), and adds one named beside ('and korea')", async () => {
    const real = await realBot();
    const [, korea] = converse(real, ["compare quantum", "only korea"]);
    expect(korea?.intent).toBe("ask");
    expect(korea?.deals).toEqual(["korea"]);
    expect(korea?.topics).toEqual(["quantum"]);
    expect(passages(korea)).toEqual(passages(real.answer("korea quantum")));
    const [, , added] = converse(real, ["uk ai", "compare with japan", "and korea"]);
    expect(added?.intent).toBe("compare");
    expect(added?.deals.toSorted()).toEqual(["japan", "korea", "uk"]);
    const [, japan] = converse(real, ["compare uk and japan on fusion", "only japan"]);
    expect(japan?.intent).toBe("ask");
    expect(japan?.deals).toEqual(["japan"]);
    // Two deals named alone: the comparison of those two.
    const [, two] = converse(real, ["compare ai across the deals", "only uk and japan"]);
    expect(two?.intent).toBe("compare");
    expect(two?.deals).toEqual(["uk", "japan"]);
  });

  it("asks a comparison pointing back ('what do they share?') of the deals compared, and adds one named beside", async () => {
    const real = await realBot();
    const [, shared, added] = converse(real, ["compare uk and japan", "what do they share?", "and korea?"]);
    expect(shared?.deals.toSorted()).toEqual(["japan", "uk"]);
    expect(shared?.lead).toMatch(/^Both deals list: /);
    expect(added?.deals.toSorted()).toEqual(["japan", "korea", "uk"]);
    expect(added?.lead).toMatch(/^All three deals list: /);
    const [, withKorea] = converse(real, ["compare uk and japan", "and korea?"]);
    expect(withKorea?.lead).toBe(added?.lead);
  });

  it("answers whether one signer alone signed ('was bae the only one?', 'was he the only one?') from the record", async () => {
    const real = await realBot();
    for (const [first, then] of [
      ["who signed the korea deal", "was bae the only one?"],
      ["who signed the uk deal", "was he the only one?"],
      ["who signed the uk deal", "did starmer sign alone?"],
      ["who signed the japan deal", "was she the only signer?"],
    ] as const) {
      const [, sole] = converse(real, [first, then]);
      expect(sole?.lead, then).toMatch(
        /^No — the U\.S\.–\S+ Technology Prosperity Deal was signed by \S+ \S+ and /,
      );
    }
  });

  it("reads 'it' as the thing named before ('when does it launch?' after 'is there a cubesat?'), not the deal", async () => {
    const real = await realBot();
    const [, , launch] = converse(real, ["korea space", "is there a cubesat?", "when does it launch?"]);
    expect(launch?.intent).not.toBe("when");
    expect(passages(launch)).toContain("korea-kasa-followup");
    expect(launch?.lead).not.toMatch(/29 October 2025/);
    const [, announced] = converse(real, ["what is the genesis mission?", "who announced it?"]);
    expect(passages(announced)).toEqual(["japan-genesis-partnership"]);
  });

  it("reads 'it' as the name asked before, without the rest of that question ('is NASA involved?')", async () => {
    const real = await realBot();
    const [, , when] = converse(real, ["korea space", "is NASA involved?", "when does it launch?"]);
    expect(when?.query).toBe("when does nasa launch korea");
  });

  it("reads 'quote it' and 'exact words?' as the previous deal and subject, word for word", async () => {
    const real = await realBot();
    const [, nuclear] = converse(real, ["what does the uk deal say about nuclear?", "quote it"]);
    expect(nuclear?.query).toBe("quote uk nuclear");
    expect(nuclear?.topics).toEqual(["nuclear"]);
    const [, telecom] = converse(real, ["korea 6g", "exact words?"]);
    expect(telecom?.query).toBe("exact words korea 6g");
  });

  it("says a follow-up is unsaid in the words typed, not with the words carried into it", async () => {
    const real = await realBot();
    const [, where] = converse(real, ["where is jt 60sa?", "japan"]);
    expect(where?.query).toBe("where is jt 60sa japan");
    expect(where?.lead).toMatch(/^The texts I hold do not say that\. /);
    const [, office] = converse(real, ["who signed the uk deal?", "where was he prime minister?"]);
    expect(office?.lead).toMatch(/^The texts I hold do not say where was he prime minister\. /);
  });

  it("compares the deals found on what was asked ('compare them' after 'which deals cover space?')", async () => {
    const real = await realBot();
    const [, compared] = converse(real, ["which deals cover space?", "compare them"]);
    expect(compared?.intent).toBe("compare");
    expect(compared?.topics).toEqual(["space"]);
  });

  it("reads 'that one' after which deal is newest or first as that deal", async () => {
    const real = await realBot();
    const [, newest] = converse(real, ["which is the newest?", "who signed that one?"]);
    expect(newest?.deals).toEqual(["korea"]);
    const [, first] = converse(real, ["which was signed first?", "where was it signed?"]);
    expect(first?.deals).toEqual(["uk"]);
  });

  it("answers 'are you sure?' or 'really?' with the previous answer again, not as a question of its own", async () => {
    const real = await realBot();
    const [binding, sure] = converse(real, ["is the uk deal binding?", "really?"]);
    expect(sure?.lead).toMatch(/^No — .*That is what the texts I hold say\./);
    expect(passages(sure)).toEqual(passages(binding));
    const [fusion, again] = converse(real, ["does the korea deal cover fusion", "are you sure?"]);
    expect(again?.lead).toBe(fusion?.lead);
  });

  it("keeps a yes/no follow-up naming another deal a yes/no question of the previous subject", async () => {
    const real = await realBot();
    const [, japan] = converse(real, ["korea 6g", "is it in the Japan deal?"]);
    expect(japan?.deals).toEqual(["japan"]);
    expect(japan?.topics).toEqual(["telecom"]);
    expect(japan?.lead).toMatch(/^Yes — .* covers telecommunications, 5G and 6G:$/);
    const [, korea] = converse(real, ["does the uk deal cover nuclear?", "is it in the korea deal?"]);
    expect(korea?.lead).toMatch(/^No — /);
  });

  it("names one of the deals found, or one to compare beside the deal before", async () => {
    const real = await realBot();
    const [, , uk] = converse(real, [
      "what is caisi",
      "which deals mention it?",
      "what does the uk one say?",
    ]);
    expect(uk?.deals).toEqual(["uk"]);
    expect(passages(uk)?.[0]).toBe("uk-ai-caisi");
    const [, signers] = converse(real, ["which deal mentions artemis?", "who signed it?"]);
    expect(signers?.intent).toBe("who-signed");
    expect(signers?.deals).toEqual(["japan", "korea"]);
    const [, compared] = converse(real, ["japan ai", "compare with korea"]);
    expect(compared?.intent).toBe("compare");
    expect(compared?.deals.toSorted()).toEqual(["japan", "korea"]);
  });

  it("reads a question of what someone said as a question of its own, carrying the subject only when it points back", async () => {
    const real = await realBot();
    const [, , uk] = converse(real, ["is the uk deal paused", "is it still paused?", "what did the uk say?"]);
    expect(uk?.query).toBe("what did the uk say?");
    const [, kratsios] = converse(real, ["who signed the japan deal", "what did kratsios say?"]);
    expect(kratsios?.intent).toBe("ask");
    expect(passages(kratsios)).toEqual(["jk-kratsios-quote"]);
    const [, when] = converse(real, ["what did kratsios say", "when?"]);
    expect(when?.query).toBe("when did kratsios say");
    expect(when?.lead).toMatch(
      /^The reports of it are dated 18 September 2025 \(The White House\), 16 December 2025 \(TRT World\) and 29 October 2025 \(The White House\)\./,
    );
    const [, ofIt] = converse(real, ["korea quantum", "what did they say about it?"]);
    expect(ofIt?.topics).toEqual(["quantum"]);
    expect(ofIt?.deals).toEqual(["korea"]);
  });

  it("reads a question word of its own in place of the one before ('how much?' after 'when was it announced?')", async () => {
    const real = await realBot();
    const [, when, much] = converse(real, [
      "what is the genesis mission",
      "when was it announced?",
      "how much?",
    ]);
    expect(when?.lead).toMatch(/On 4 June 2026/);
    expect(much?.query).toBe("how much genesis mission announced");
    // "where was" goes with "where": "why there?" is no yes/no question ("was why there …"); it asks why the deal
    // was signed at the place just given, which no text says.
    const [, why] = converse(real, ["where was the uk deal signed", "why there?"]);
    expect(why?.query).toBe("why was uk signed there");
    expect(why?.lead).not.toMatch(/^Yes —/);
    expect(why?.lead).toMatch(
      /^The texts I hold give no reason; they record the signing: United Kingdom: .*Chequers/,
    );
    const [, , whyThen] = converse(real, ["who signed the japan deal", "when?", "why then?"]);
    expect(whyThen?.lead).toMatch(
      /^The texts I hold give no reason; they record the signing: Japan: 28 October 2025/,
    );
  });

  it("asks 'what about the Financial Times?' after 'Is Reuters a source?' of the name given", async () => {
    const real = await realBot();
    const [, ft, whiteHouse] = converse(real, [
      "Is Reuters a source?",
      "what about the Financial Times?",
      "and the White House?",
    ]);
    expect(ft?.query).toBe("Is the Financial Times a source?");
    expect(ft?.lead).toMatch(/^No — none of the \d+ documents I hold is from the Financial Times\./);
    expect(whiteHouse?.lead).toMatch(/^Yes — \d+ of the \d+ documents I hold are from the White House:/);
  });

  it("asks a bare 'when?' after a which-deal answer that found one deal of that deal", async () => {
    const real = await realBot();
    const [, when] = converse(real, ["which deals were signed by presidents?", "when?"]);
    expect(when?.deals).toEqual(["uk"]);
    expect(when?.lead).toMatch(/^United Kingdom: 18 September 2025/);
    // Two deals found: "when?" is no pick of one.
    const [, both] = converse(real, ["which deal mentions Artemis?", "when?"]);
    expect(both?.deals.length).toBe(3);
  });

  it("asks 'was Trump there?' after a signing's date of whether he was at that signing", async () => {
    const real = await realBot();
    const [, there] = converse(real, ["when was the korea deal signed?", "was trump there?"]);
    expect(there?.lead).toMatch(
      /^The texts I hold do not say whether Donald Trump was at the signing of the deal with the Republic of Korea\./,
    );
  });

  it("asks 'who reported it?' after whether a deal was paused of who reported the pause", async () => {
    const real = await realBot();
    const [, reporters] = converse(real, ["was the uk deal paused?", "who reported it?"]);
    expect(reporters?.lead).toMatch(
      /^Nation\.Cymru \(PA\) and TRT World reported it; none of these reports is an official text/,
    );
  });

  it("asks 'where?' after what someone signed of where they signed it", async () => {
    const real = await realBot();
    const [, where] = converse(real, ["what did kimi onoda sign?", "where?"]);
    expect(where?.intent).toBe("when");
    expect(where?.deals).toEqual(["japan"]);
    expect(where?.lead).toMatch(/^Japan: 28 October 2025, Tokyo/);
  });

  it("asks 'is that in the official text?' after a coverage question of the subject asked", async () => {
    const real = await realBot();
    const [, inText] = converse(real, ["does korea cover quantum?", "is that in the official text?"]);
    expect(inText?.topics).toContain("quantum");
    expect(inText?.lead).toMatch(/^The official text I hold of the U\.S\.–Korea .* does not give it/);
    // "it" standing for the deal is no subject: "is it binding?" asks it of the deal.
    const [, binding] = converse(real, ["does korea cover quantum?", "is it binding?"]);
    expect(binding?.lead).toMatch(/^No — the U\.S\.–Korea Technology Prosperity Deal is non-binding/);
  });

  it("reads 'can you link it?' after a sources answer as a request for the links", async () => {
    const real = await realBot();
    const [, , link] = converse(real, [
      "what does the korea deal say about space?",
      "what's the source for that?",
      "can you link it?",
    ]);
    expect(link?.intent).toBe("sources");
    expect(link?.deals).toEqual(["korea"]);
    expect(link?.lead).not.toMatch(/plain yes or no/);
  });

  it("keeps a question after a yes/no on the sources as asked, not as whether it names a source", async () => {
    const real = await realBot();
    const [, , said, when] = converse(real, [
      "who signed the korea deal?",
      "are sources sure?",
      "what did Maeil Shinmun say?",
      "when was it signed?",
    ]);
    expect(said?.query).not.toMatch(/a source\?$/);
    expect(said?.lead).toMatch(/^What Maeil Shinmun .* says on the U\.S\.–Korea/);
    expect(when?.lead).toMatch(/^Republic of Korea: 29 October 2025/);
  });

  it("answers 'why?' after the status of a paused deal with the reason the reports give for the pause", async () => {
    const real = await realBot();
    const [, why] = converse(real, ["status of the uk deal", "why?"]);
    expect(why?.lead).toMatch(/^The reports I hold give this reason: “The New York Times reported/);
    // A deal that no report says was paused keeps its developments.
    const [, korea] = converse(real, ["status of the korea deal", "why?"]);
    expect(korea?.lead).toMatch(/^The newest report I hold on the U\.S\.–Korea/);
  });

  it("asks 'why?' after 'by whom?' of a pause as why it was paused, not why the deal was signed", async () => {
    const real = await realBot();
    const [, , why] = converse(real, ["Is the UK deal paused?", "by whom?", "why?"]);
    expect(why?.lead).toMatch(/^The reports I hold give this reason:/);
  });

  it("reads 'who was there?' after a signing's date or place as who was at that signing", async () => {
    const real = await realBot();
    const [, there] = converse(real, ["when was the korea deal signed?", "who was there?"]);
    expect(there?.query).toBe("who was at the signing of korea");
    expect(there?.intent).toBe("who-signed");
    expect(there?.lead).toMatch(/Kratsios/);
    const [, , present] = converse(real, ["who signed the uk deal", "where?", "who else was there?"]);
    expect(present?.query).toBe("who was at the signing of uk");
  });

  it("asks an amount in a word or two ('how much money?') of the thing named before", async () => {
    const real = await realBot();
    const [, money] = converse(real, ["what is the genesis mission", "how much money"]);
    expect(money?.query).toBe("how much money genesis mission");
    expect(money?.lead).toMatch(/\$1 billion \(\$500 million each\)/);
    const [, quantum] = converse(real, ["what is the genesis mission", "how much money for quantum"]);
    expect(quantum?.query).not.toMatch(/genesis/);
  });

  it("reads 'it' after a development asked of no deal ('is it over?' after 'tell me about the pause') as it", async () => {
    const real = await realBot();
    const [, over] = converse(real, ["tell me about the pause", "is it over?"]);
    expect(over?.query).toBe("is pause over");
    expect(over?.deals).toEqual(["uk"]);
    expect(over?.lead).toMatch(/^No — no report I hold says work on the U\.S\.–UK .* has resumed/);
    const [, news] = converse(real, ["any news?", "is it over?"]);
    expect(news?.query).toBe("is it over?");
  });

  it("reads 'by whom?' after a development as who did it, and after a signing as who signed", async () => {
    const real = await realBot();
    const [, , paused] = converse(real, ["is the uk deal paused", "why?", "by whom?"]);
    expect(paused?.intent).toBe("ask");
    expect(paused?.lead).toMatch(/^By mid-December 2025 the United States had paused talks/);
    const [, told] = converse(real, ["tell me about the pause", "by whom?"]);
    expect(told?.lead).toMatch(/^By mid-December 2025 the United States had paused talks/);
    const [, signed] = converse(real, ["who signed the uk deal", "by whom?"]);
    expect(signed?.intent).toBe("who-signed");
    const [, , who] = converse(real, ["when was the japan deal signed", "where?", "who?"]);
    expect(who?.intent).toBe("who-signed");
    expect(who?.lead).toMatch(/Kimi Onoda/);
  });

  it("reads 'only in japan?' after a subject as whether that deal alone has it", async () => {
    const real = await realBot();
    const [, only] = converse(real, ["fusion", "only in japan?"]);
    expect(only?.query).toBe("is fusion only in japan");
    expect(only?.lead).toMatch(/^No — fusion energy is also in the deal with the United Kingdom\./);
    const [, compared] = converse(real, ["compare quantum", "only korea"]);
    expect(compared?.query).toBe("korea quantum");
  });

  it("reads 'which ones do?' as which deals have the subject, and 'where exactly?' as 'where?'", async () => {
    const real = await realBot();
    const [, which] = converse(real, ["does korea cover fusion", "which ones do?"]);
    expect(which?.intent).toBe("compare");
    expect(which?.lead).toBe("Fusion energy: in the deals with the United Kingdom and Japan.");
    const [, where] = converse(real, ["when was the korea deal signed", "where exactly?"]);
    expect(where?.intent).toBe("when");
    expect(where?.lead).toContain("Gyeongju Arts Center");
  });

  it("reads 'where?' after a subject as where the texts say it, and after a signing as where it was signed", async () => {
    const real = await realBot();
    const [, fusion] = converse(real, ["does the uk deal mention fusion", "where?"]);
    expect(fusion?.intent).toBe("ask");
    expect(fusion?.topics).toEqual(["fusion"]);
    expect(passages(fusion)).toContain("uk-nuclear-reactors");
    const [, signed] = converse(real, ["who signed the uk deal", "where?"]);
    expect(signed?.intent).toBe("when");
    expect(signed?.lead).toMatch(/Chequers/);
  });

  it("reads 'that day' after a signing as the day that deal was signed", async () => {
    const real = await realBot();
    const [, uk] = converse(real, ["where was the uk deal signed", "what else happened that day?"]);
    expect(uk?.intent).toBe("status");
    expect(uk?.title).toMatch(/^On 18 September 2025/);
    expect(uk?.lead).toMatch(
      /record of 18 September 2025, when the U.S.–UK Technology Prosperity Deal was signed:$/,
    );
    const [, , elsewise] = converse(real, [
      "when was the uk deal signed",
      "where?",
      "anything else happen that day?",
    ]);
    expect(elsewise?.intent).toBe("status");
    expect(elsewise?.title).toMatch(/^On 18 September 2025/);
    const [, , japan] = converse(real, ["who signed the japan deal", "thanks", "what happened on that day?"]);
    expect(japan?.title).not.toMatch(/^On /);
    const [, sameDay] = converse(real, ["who signed the japan deal", "what happened on that day?"]);
    expect(sameDay?.title).toMatch(/^On 28 October 2025/);
  });

  it("carries the words of a section whole ('how?' after 'can it be ended?' asks of the exit terms)", async () => {
    const real = await realBot();
    const [, uk] = converse(real, ["can the uk deal be ended?", "how?"]);
    expect(uk?.query).toBe("how uk be ended");
    expect(passages(uk)).toEqual(["uk-discontinuation"]);
    const [, japan] = converse(real, ["can the japan deal be ended?", "how?"]);
    expect(japan?.lead).toMatch(/^The texts I hold of the deal with Japan do not give its exit terms/);
  });
});

describe("readTurnContext", () => {
  it("accepts what contextOf writes, through JSON", () => {
    const context = contextOf(bot.answer("japan"), "japan");
    expect(readTurnContext(JSON.parse(JSON.stringify(context)), dealIds(bot))).toEqual(context);
  });

  it("refuses anything else", () => {
    for (const bad of [
      null,
      "korea 6g",
      {},
      { query: "" },
      { query: "x".repeat(501), next: null },
      { query: "korea", deal: "france", next: null },
      { query: "korea", next: -1 },
      { query: "korea", next: 1.5 },
      { query: 42, next: null },
    ]) {
      expect(readTurnContext(bad, dealIds(bot)), JSON.stringify(bad)).toBeNull();
    }
    expect(readTurnContext({ query: "korea" }, dealIds(bot))).toEqual({ query: "korea", next: null });
  });
});

describe("a context read back from either platform names only the bot's deals", () => {
  const answerBy = (payload: unknown) => [
    { user: "UBOT", metadata: { event_type: ANSWER_EVENT_TYPE, event_payload: payload } },
  ];

  it("Slack message metadata", () => {
    expect(
      latestAnswer(answerBy({ query: "quantum", deal: "japan" }), { botUserId: "UBOT", deals: dealIds(bot) }),
    ).toEqual({ answered: true, context: { query: "quantum", deal: "japan", next: null } });
    expect(
      latestAnswer(answerBy({ query: "quantum", deal: "france" }), {
        botUserId: "UBOT",
        deals: dealIds(bot),
      }),
    ).toEqual({ answered: true, context: null });
  });

  it("Discord's More results button", () => {
    const message = (customId: string) => ({
      embeds: [{ author: { name: "Q: quantum" } }],
      components: [{ components: [{ custom_id: customId }] }],
    });
    expect(contextOfMessage(message("tpd:more:3:japan:quantum"), dealIds(bot))).toEqual({
      query: "quantum",
      deal: "japan",
      next: 3,
    });
    expect(contextOfMessage(message("tpd:more:3:france:quantum"), dealIds(bot))).toEqual({
      query: "quantum",
      next: null,
    });
  });
});
