import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAction } from "../../src/adapters/discord/custom-id.js";
import { renderAnswer as renderDiscord } from "../../src/adapters/discord/index.js";
import { toQuestion } from "../../src/adapters/discord/messages.js";
import { decodeButtonValue } from "../../src/adapters/slack/button-values.js";
import { toQuery } from "../../src/adapters/slack/incoming-text.js";
import { renderAnswer as renderSlack } from "../../src/adapters/slack/index.js";
import { SLACK_USAGE } from "../../src/adapters/slack/listeners.js";
import type { AnswerOptions } from "../../src/core/answer.js";
import { type Bot, dealIds } from "../../src/core/bot.js";
import { hostileText } from "../helpers/answer-arbitrary.js";
import { realBot } from "../helpers/bots.js";
import { discordProblems, slackProblems } from "../helpers/platform-limits.js";

/**
 * Untrusted text end to end, in process: the adapter's own parsing of incoming text, the real answer
 * engine over the real knowledge, and the adapter's exported renderer. Nothing may throw, every reply
 * stays within the platform's limits, and none can ping a crowd or a person the bot did not mean to.
 */

const SLACK_BOT = "UBOT0001";
const DISCORD_BOT = "900000000000000001";
const SHARER = "U0SHARER1";

/** Inputs chosen to break mention escaping, normalisation, length and encoding; each is tried on every path. */
const HOSTILE: readonly string[] = [
  "<!channel>",
  "<!here>",
  "<!here|here>",
  "<!everyone>",
  "<!subteam^S0123ABC|@team>",
  "<!subteam^S0123ABC>",
  "&lt;!channel&gt;",
  "&lt;!here&gt; korea 6g",
  "&amp;lt;!everyone&amp;gt;",
  "<!date^1392734382^{date}|Feb 18>",
  "@everyone",
  "@here",
  "@EveryOne @HERE",
  "＠everyone", // fullwidth: NFKC turns it into @everyone
  "＠ｈｅｒｅ korea",
  "@\u200beveryone", // zero-width space: removed by normalisation, leaving @everyone
  "@\u2060here",
  "@\u00adeveryone",
  "@\u0435veryone", // Cyrillic e
  "<@U012345>",
  "<@U012345|alice>",
  "<@W012345>",
  "<#C012345|general>",
  "<@123456789012345678>",
  "<@!123456789012345678>",
  "<@&123456789012345678>",
  "＜@&123456789012345678＞", // fullwidth brackets around a role mention
  "<\u200b@123456789012345678>",
  "<<@U012345>>",
  "<https://evil.example|click me>",
  "<javascript:alert(1)|x>",
  "[click](https://evil.example) @here",
  "||spoiler|| ~~strike~~ **bold** __u__",
  "```@everyone```",
  "`<!channel>`",
  "> quote\n@here\n# heading",
  "\u202eereh@\u202c korea",
  "\u0000\u0007\u001b[31mkorea 6g",
  "\r\n\r\n\t<!here>\r",
  "\ud800 lone high",
  "lone low \udfff",
  "😀".repeat(600),
  "👩‍👩‍👧‍👦".repeat(200),
  "a\u0301\u0302\u0303".repeat(300),
  "x".repeat(100_000),
  " ".repeat(5000),
  "\u200b".repeat(3000),
  "korea 6g <!channel>",
  "compare quantum @everyone",
  "who signed <@U012345>?",
  "sources uk <!subteam^S1|@x>",
  "topics japan <@&123456789012345678>",
  "when was the uk deal signed? ＠here",
  "deals \u0000",
  "help <!everyone>",
  "كوريا 6g \u202e korea",
  "한국 6G <!here>",
  "日本 核融合 @everyone",
];

const WORDS = ["korea", "japan", "uk", "6g", "quantum", "compare", "who", "signed", "when", "status", "ai"];

const question = fc.oneof(
  { weight: 3, arbitrary: hostileText(800) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.constantFrom(...WORDS), hostileText(20)), {
        maxLength: 8,
      })
      .chain((parts) => fc.constantFrom(" ", "", "\n", "\u200b").map((separator) => parts.join(separator))),
  },
);

const options: fc.Arbitrary<AnswerOptions> = fc.record(
  { offset: fc.nat(12), deal: fc.constantFrom("uk", "japan", "korea", "no-such-deal") },
  { requiredKeys: [] },
);

let bot: Bot;
const runs = { slack: 0, discord: 0, parsing: 0, enumerated: 0 };

beforeAll(async () => {
  bot = await realBot();
});

afterAll(() => {
  const fuzz = runs.slack + runs.discord;
  console.info(
    `input hygiene: ${fuzz} fuzz cases through bot and renderers (Slack ${runs.slack}, Discord ${runs.discord}),` +
      ` ${runs.parsing} parser cases, ${HOSTILE.length} hostile inputs each tried on ${runs.enumerated / HOSTILE.length} paths`,
  );
});

/** What the Slack adapter does with a message or command text: read it, answer it, render it. */
function throughSlack(raw: string, answerOptions: AnswerOptions, shared: boolean): string[] {
  const text = toQuery(raw, SLACK_BOT) || "help";
  const answer = bot.answer(text, answerOptions);
  const sharedBy = shared ? SHARER : null;
  const message = renderSlack(answer, {
    shareable: !shared,
    sharedBy,
    deal: answerOptions.deal ?? null,
    footer: answer.intent === "help" ? SLACK_USAGE : null,
  });
  return slackProblems(message, sharedBy);
}

/** What the Discord adapter does with a mention or a /tpd query. */
function throughDiscord(raw: string, answerOptions: AnswerOptions, mention: boolean): string[] {
  const text = mention
    ? toQuestion({
        content: `<@${DISCORD_BOT}> ${raw}`,
        inGuild: true,
        authorIsBot: false,
        botId: DISCORD_BOT,
      })
    : raw;
  if (text === null) return ["a mention of the bot was not read as a question"];
  const answer = bot.answer(text, answerOptions);
  return discordProblems(renderDiscord(answer, { deal: answerOptions.deal ?? null }));
}

describe("every hostile input, on every path", () => {
  it("Slack (message, command, shared) and Discord (mention, /tpd): no throw, within limits, nothing that pings", () => {
    for (const raw of HOSTILE) {
      for (const [path, check] of [
        ["slack message", () => throughSlack(`<@${SLACK_BOT}> ${raw}`, {}, false)],
        ["slack command", () => throughSlack(raw, { offset: 3 }, false)],
        ["slack shared", () => throughSlack(raw, { deal: "korea" }, true)],
        ["discord mention", () => throughDiscord(raw, {}, true)],
        ["discord /tpd", () => throughDiscord(raw, { deal: "japan", offset: 3 }, false)],
      ] as const) {
        runs.enumerated += 1;
        expect(check(), `${path}: ${JSON.stringify(raw.slice(0, 60))}`).toEqual([]);
      }
    }
  });
});

describe("echoes of what normalisation turns into mentions", () => {
  it("a fullwidth or zero-width-split @everyone or role mention never comes back as one", () => {
    for (const raw of ["xyzzy ＠everyone", "xyzzy @\u200beveryone", "xyzzy ＜@&123456789012345678＞"]) {
      const answer = bot.answer(raw);
      // Normalisation makes the mention and removes it: it addresses a message, it is no word of the question.
      expect(answer.query).toBe("xyzzy");
      const reply = JSON.stringify(renderDiscord(answer, {}));
      expect(reply).not.toMatch(/@everyone|<@&\d/);
      expect(discordProblems(renderDiscord(answer, {}))).toEqual([]);
    }
  });

  it("the checkers themselves catch a broadcast, a stray mention and an oversize part", () => {
    const section = (text: string) => ({ type: "section" as const, text: { type: "mrkdwn" as const, text } });
    expect(slackProblems({ text: "<!channel>", blocks: [section("ok")] })).not.toEqual([]);
    expect(slackProblems({ text: "ok", blocks: [section("hi <@U999>")] })).not.toEqual([]);
    expect(slackProblems({ text: "ok", blocks: [section("<#C1|general>")] })).not.toEqual([]);
    expect(slackProblems({ text: "ok", blocks: [section("x".repeat(3001))] })).not.toEqual([]);
    expect(slackProblems({ text: "ok", blocks: [section(`by <@${SHARER}>`)] }, SHARER)).toEqual([]);
    expect(slackProblems({ text: "ok", blocks: [section("<https://a.example|a>")] })).toEqual([]);
    const reply = (content: string) => ({ content, embeds: [], components: [] });
    expect(discordProblems(reply("@everyone"))).not.toEqual([]);
    expect(discordProblems(reply("<@&123>"))).not.toEqual([]);
    expect(discordProblems(reply("x".repeat(2001)))).not.toEqual([]);
    expect(discordProblems(reply("@\u200beveryone <\u200b@123>"))).toEqual([]);
  });
});

describe("fuzzing with fast-check", () => {
  it("Slack: any text read, answered and rendered stays within Block Kit limits with no stray markup", () => {
    fc.assert(
      fc.property(question, options, fc.boolean(), fc.boolean(), (raw, answerOptions, mention, shared) => {
        runs.slack += 1;
        const text = mention ? `<@${SLACK_BOT}> ${raw}` : raw;
        expect(throughSlack(text, answerOptions, shared)).toEqual([]);
      }),
      { numRuns: 1200 },
    );
  });

  it("Discord: any text read, answered and rendered stays within message limits and cannot ping", () => {
    fc.assert(
      fc.property(question, options, fc.boolean(), (raw, answerOptions, mention) => {
        runs.discord += 1;
        expect(throughDiscord(raw, answerOptions, mention)).toEqual([]);
      }),
      { numRuns: 1200 },
    );
  });

  it("parsing what platforms send back (button values, custom ids) never throws", () => {
    fc.assert(
      fc.property(fc.oneof(hostileText(2100), fc.json(), fc.constantFrom(...HOSTILE)), (raw) => {
        runs.parsing += 1;
        const value = decodeButtonValue(raw);
        if (value !== null) expect(typeof value.q).toBe("string");
        expect(() => decodeAction(raw, dealIds(bot))).not.toThrow();
        expect(() => toQuery(raw, SLACK_BOT)).not.toThrow();
        expect(() =>
          toQuestion({ content: raw, inGuild: false, authorIsBot: false, botId: DISCORD_BOT }),
        ).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});
