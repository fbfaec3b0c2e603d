import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
} from "discord.js";
import type { Answer, AnswerOptions } from "../../core/answer.js";
import { type Bot, dealIds } from "../../core/bot.js";
import { describeError } from "../../errors.js";
import type { Logger } from "../../logger.js";
import { NOTICES } from "../shared/notices.js";
import type { Asked, EntryPoint, Pipeline } from "../shared/pipeline.js";
import type { QuestionRecorder } from "../shared/question-record.js";
import { WORDING } from "../shared/render-plan.js";
import { oneLine } from "../shared/safe-text.js";
import { COMMAND_NAME, OPTIONS } from "./commands.js";
import { decodeAction } from "./custom-id.js";
import {
  isFeedbackButton,
  isFeedbackNote,
  onFeedbackButton,
  onFeedbackNote,
  withFeedback,
} from "./feedback.js";
import {
  type DiscordReply,
  LIMITS,
  questionFromEmbeds,
  renderAnswer,
  renderChoices,
  renderNotice,
} from "./render.js";

type Answerable = ChatInputCommandInteraction | ButtonInteraction | MessageContextMenuCommandInteraction;
type InteractionDeps = {
  pipeline: Pipeline;
  getBot: () => Bot;
  logger: Logger;
  accepting: () => boolean;
  recorder: QuestionRecorder;
};

/** `/tpd query [deal] [public]`. */
const slash = {
  name: "slash",
  read(interaction: ChatInputCommandInteraction): Asked<DiscordReply> {
    const deal = interaction.options.getString(OPTIONS.deal) || null;
    const ephemeral = !(interaction.options.getBoolean(OPTIONS.public) ?? false);
    const text = interaction.options.getString(OPTIONS.query, true);
    return asked(interaction, "slash", text, deal ? { deal } : {}, ephemeral, deal);
  },
} satisfies EntryPoint<ChatInputCommandInteraction, Bot, DiscordReply>;

/** More results, Compare across deals and follow-up question buttons. */
const button = {
  name: "button",
  read(interaction: ButtonInteraction, bot: Bot): Asked<DiscordReply> | null {
    const action = decodeAction(interaction.customId, dealIds(bot));
    // A click answers for the clicker alone when the answer it sits on was only for them.
    const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
    if (!action) return null;
    if (action.kind !== "more") {
      const text = action.kind === "compare" ? `compare ${action.topics.join(" ")}` : action.query;
      return asked(interaction, "button", text, {}, ephemeral, null);
    }
    const text = action.query ?? questionFromEmbeds(interaction.message.embeds);
    if (!text) return null;
    const options: AnswerOptions = { offset: action.offset, ...(action.deal ? { deal: action.deal } : {}) };
    return asked(interaction, "button", text, options, ephemeral, action.deal);
  },
} satisfies EntryPoint<ButtonInteraction, Bot, DiscordReply>;

/**
 * "Ask TPD about this" on a message: its text is the question (its question, on one of the bot's answers),
 * answered privately to whoever asked. Message content of the target is delivered without any intent.
 */
const askAboutMessage = {
  name: "context-menu",
  read(interaction: MessageContextMenuCommandInteraction): Asked<DiscordReply> | null {
    const target = interaction.targetMessage;
    const fromAnswer =
      target.author.id === interaction.client.user.id ? questionFromEmbeds(target.embeds) : null;
    const text = oneLine((fromAnswer ?? target.content).replace(/<(?:@[!&]?|#)\d+>/g, " "));
    if (text === "") return null;
    return asked(interaction, "context-menu", text, {}, true, null);
  },
} satisfies EntryPoint<MessageContextMenuCommandInteraction, unknown, DiscordReply>;

function asked(
  interaction: Answerable,
  via: "slash" | "button" | "context-menu",
  text: string,
  options: AnswerOptions,
  ephemeral: boolean,
  deal: string | null,
): Asked<DiscordReply> {
  const question = {
    requestId: interaction.id,
    via,
    // Asked privately about a message, as a command is.
    surface: via === "context-menu" ? ("slash" as const) : via,
    user: interaction.user.id,
    team: interaction.guildId,
    text,
    options,
    awaitsReply: true,
    // Discord's 3 s run from when the interaction was created, not from when it reached this process.
    askedAt: interaction.createdTimestamp,
  };
  const reply = {
    render: (answer: Answer, feedbackId: string | null) =>
      withFeedback(renderAnswer(answer, { deal }), feedbackId),
    answer: (message: DiscordReply) => send(interaction, message, ephemeral),
    notice: (notice: string) => send(interaction, renderNotice(notice), true),
    // Past the budget, a loading state ("thinking…") rather than a text: the answer then replaces it.
    hold: async () => {
      await interaction.deferReply(privately(ephemeral));
    },
  };
  return { question, reply };
}

export function createInteractionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  const run = async <T extends Answerable>(
    interaction: T,
    entry: { name: string; read: (interaction: T, bot: Bot) => Asked<DiscordReply> | null },
    unreadable: string = NOTICES.staleButton,
  ) => {
    try {
      const question = entry.read(interaction, deps.getBot());
      if (!question) {
        await send(interaction, renderNotice(unreadable), true);
        return;
      }
      // Replied to once, directly, when the answer is ready within the budget; deferred only past it.
      await deps.pipeline.ask(question.question, question.reply);
    } catch (error) {
      deps.logger.error(
        { requestId: interaction.id, via: entry.name, err: describeError(error) },
        "answer failed",
      );
      await send(interaction, renderNotice(NOTICES.error), true).catch(() => {});
    }
  };
  return async (interaction) => {
    if (interaction.isAutocomplete()) {
      if (interaction.commandName === COMMAND_NAME) await autocomplete(deps, interaction);
    } else if (interaction.isChatInputCommand()) {
      if (interaction.commandName === COMMAND_NAME) await run(interaction, slash);
    } else if (interaction.isButton()) {
      if (isFeedbackButton(interaction.customId))
        await feedback(deps, () => onFeedbackButton(interaction, deps.recorder.vote));
      else if (decodeAction(interaction.customId, dealIds(deps.getBot())) !== null)
        await run(interaction, button);
    } else if (interaction.isModalSubmit()) {
      if (isFeedbackNote(interaction.customId))
        await feedback(deps, () => onFeedbackNote(interaction, deps.recorder.vote));
    } else if (interaction.isMessageContextMenuCommand()) {
      if (interaction.commandName === WORDING.askAboutMessage)
        await run(interaction, askAboutMessage, NOTICES.noText);
    }
  };
}

/** A reply seen only by whoever asked, or by everyone; a deferred reply's visibility is fixed at once. */
const privately = (ephemeral: boolean) => (ephemeral ? { flags: MessageFlags.Ephemeral as const } : {});

async function autocomplete(deps: InteractionDeps, interaction: AutocompleteInteraction): Promise<void> {
  try {
    const focused = interaction.options.getFocused(true);
    // Not rate limited: Discord sends one per keystroke, and suggestions are a cheap in-memory lookup.
    const choices =
      focused.name === OPTIONS.query && deps.accepting()
        ? renderChoices(deps.getBot().suggest(String(focused.value), LIMITS.choices))
        : [];
    await interaction.respond(choices);
  } catch (error) {
    // The user may have typed on (Discord then drops this request): nothing to tell them.
    deps.logger.error(
      { requestId: interaction.id, via: "autocomplete", err: describeError(error) },
      "autocomplete failed",
    );
  }
}

/** A feedback click or note: the vote is already queued, so a failed acknowledgement is only logged. */
async function feedback(deps: InteractionDeps, acknowledge: () => Promise<void>): Promise<void> {
  try {
    await acknowledge();
  } catch (error) {
    deps.logger.warn({ err: describeError(error) }, "feedback acknowledgement failed");
  }
}

/** Replies, or completes a deferred/earlier reply (whose visibility is then already fixed). */
async function send(interaction: Answerable, reply: DiscordReply, ephemeral: boolean): Promise<void> {
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply({
      content: reply.content ?? "",
      embeds: reply.embeds,
      components: reply.components,
    });
  } else if (interaction.replied) {
    await interaction.followUp({ ...reply, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.reply({ ...reply, ...privately(ephemeral) });
  }
}
