import {
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from "discord.js";
import type { Bot } from "../../core/bot.js";

export const COMMAND_NAME = "tpd";
export const OPTIONS = { query: "query", deal: "deal", public: "public" } as const;

/**
 * Slash-command questions are capped so the whole question always fits in the embed's author line,
 * from where a "More results" click reads it back when it is too long for the button's custom id.
 */
export const QUERY_MAX_LENGTH = 250;

const DESCRIPTION_MAX = 100;
/** Discord's caps on an option's choices. */
const CHOICES_MAX = 25;
const CHOICE_NAME_MAX = 100;

type IntentInfo = Bot["intents"][number];

/** The `/tpd` definition, generated from the bot's intents and deals so it cannot drift from the in-chat help. */
export function buildCommands({
  intents,
  deals,
}: Pick<Bot, "intents" | "deals">): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const command = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription(commandDescription(intents))
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addStringOption((option) =>
      option
        .setName(OPTIONS.query)
        .setDescription(queryDescription(intents))
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(QUERY_MAX_LENGTH),
    )
    .addStringOption((option) =>
      option
        .setName(OPTIONS.deal)
        .setDescription("Only this deal")
        .addChoices(
          ...deals
            .slice(0, CHOICES_MAX)
            .map((deal) => ({ name: deal.label.slice(0, CHOICE_NAME_MAX), value: deal.id })),
        ),
    )
    .addBooleanOption((option) =>
      option
        .setName(OPTIONS.public)
        .setDescription("Post the answer in the channel for everyone (default: only you)"),
    );
  return [command.toJSON()];
}

/** "Cited answers on the 2025 Technology Prosperity Deals: compare, who-signed, …" within 100 characters. */
export function commandDescription(intents: readonly IntentInfo[]): string {
  const names = intents.filter((intent) => intent.name !== "ask").map((intent) => intent.name);
  return fitList("Cited answers on the 2025 US Technology Prosperity Deals: ", names, ", ");
}

/** "Question or topic, e.g. “korea 6g”, “compare quantum”" from the first example of each intent. */
export function queryDescription(intents: readonly IntentInfo[]): string {
  const examples = intents.flatMap((intent) => intent.examples.slice(0, 1)).map((example) => `“${example}”`);
  return fitList("Question or topic, e.g. ", examples, ", ");
}

function fitList(head: string, parts: readonly string[], separator: string): string {
  let text = head.trimEnd();
  let joined = head;
  for (const [index, part] of parts.entries()) {
    const next = `${joined}${index > 0 ? separator : ""}${part}`;
    if (next.length > DESCRIPTION_MAX) break;
    joined = next;
    text = next;
  }
  return text.replace(/[:,]$/, "");
}
