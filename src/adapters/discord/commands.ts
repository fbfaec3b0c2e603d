import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  type RESTPostAPIApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from "discord.js";
import type { Bot } from "../../core/bot.js";
import { WORDING } from "../shared/render-plan.js";
import { LOCALISED, type Localised } from "./locales.js";
import { LIMITS } from "./render.js";

export const COMMAND_NAME = "tpd";

/** Installable to a server and to a person, so the commands work in any DM and group DM too. */
const INTEGRATION_TYPES = [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall];
const CONTEXTS = [
  InteractionContextType.Guild,
  InteractionContextType.BotDM,
  InteractionContextType.PrivateChannel,
];
export const OPTIONS = { query: "query", deal: "deal", public: "public" } as const;

/**
 * Slash-command questions are capped so the whole question always fits in the embed's author line,
 * from where a "More results" click reads it back when it is too long for the button's custom id.
 */
const QUERY_MAX_LENGTH = 250;

type IntentInfo = Bot["intents"][number];

/**
 * `/tpd` and "Ask TPD about this", generated from the bot's intents and deals so they cannot drift from the
 * in-chat help; names and descriptions localised for Japanese and Korean.
 */
export function buildCommands({
  intents,
  deals,
}: Pick<Bot, "intents" | "deals">): RESTPostAPIApplicationCommandsJSONBody[] {
  const command = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setNameLocalizations({ ...LOCALISED.command.name })
    .setDescription(commandDescription(intents))
    .setDescriptionLocalizations({ ...LOCALISED.command.description })
    .setIntegrationTypes(INTEGRATION_TYPES)
    .setContexts(CONTEXTS)
    .addStringOption((option) =>
      option
        .setName(OPTIONS.query)
        .setNameLocalizations({ ...LOCALISED.query.name })
        .setDescription(queryDescription(intents))
        .setDescriptionLocalizations(localisedExamples(LOCALISED.query.description, intents))
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(QUERY_MAX_LENGTH),
    )
    .addStringOption((option) =>
      option
        .setName(OPTIONS.deal)
        .setNameLocalizations({ ...LOCALISED.deal.name })
        .setDescription("Only this deal")
        .setDescriptionLocalizations({ ...LOCALISED.deal.description })
        .addChoices(
          ...deals
            .slice(0, LIMITS.choices)
            .map((deal) => ({ name: deal.label.slice(0, LIMITS.choiceName), value: deal.id })),
        ),
    )
    .addBooleanOption((option) =>
      option
        .setName(OPTIONS.public)
        .setNameLocalizations({ ...LOCALISED.public.name })
        .setDescription("Post the answer in the channel for everyone (default: only you)")
        .setDescriptionLocalizations({ ...LOCALISED.public.description }),
    );
  const askAboutMessage = new ContextMenuCommandBuilder()
    .setName(WORDING.askAboutMessage)
    .setNameLocalizations({ ...LOCALISED.askAboutMessage.name })
    .setType(ApplicationCommandType.Message)
    .setIntegrationTypes(INTEGRATION_TYPES)
    .setContexts(CONTEXTS);
  return [command.toJSON(), askAboutMessage.toJSON()];
}

/** A localised description with the first examples of the intents in place of `{examples}`. */
function localisedExamples(text: Localised, intents: readonly IntentInfo[]): Localised {
  const examples = intents
    .filter((intent) => intent.name !== "help")
    .flatMap((intent) => intent.examples.slice(0, 1));
  const fill = (template: string, separator: string) =>
    template.replace("{examples}", examples.slice(0, 2).join(separator)).slice(0, LIMITS.commandDescription);
  return { ja: fill(text.ja, "、"), ko: fill(text.ko, ", ") };
}

/** "Cited answers on the 2025 Technology Prosperity Deals: compare, who-signed, …" within 100 characters. */
export function commandDescription(intents: readonly IntentInfo[]): string {
  const names = intents.filter((intent) => intent.name !== "ask").map((intent) => intent.name);
  return fitList("Cited answers on the 2025 US Technology Prosperity Deals: ", names);
}

/** "Question or topic, e.g. “korea 6g”, “compare quantum”" from the first example of each intent. */
export function queryDescription(intents: readonly IntentInfo[]): string {
  const examples = intents.flatMap((intent) => intent.examples.slice(0, 1)).map((example) => `“${example}”`);
  return fitList("Question or topic, e.g. ", examples);
}

function fitList(head: string, parts: readonly string[]): string {
  let text = head.trimEnd();
  let joined = head;
  for (const [index, part] of parts.entries()) {
    const next = `${joined}${index > 0 ? ", " : ""}${part}`;
    if (next.length > LIMITS.commandDescription) break;
    joined = next;
    text = next;
  }
  return text.replace(/[:,]$/, "");
}
