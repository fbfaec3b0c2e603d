import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  MessageFlags,
} from "discord.js";
import type { AnswerOptions } from "../../core/answer.js";
import type { DealId } from "../../core/model.js";
import {
  ask,
  describeError,
  type Entry,
  ERROR_TEXT,
  type HandlerDeps,
  logAnswered,
  logFailed,
  logLimited,
  type Question,
  RESTARTING_TEXT,
  slowDownText,
} from "./ask.js";
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
  questionFromEmbeds,
  renderAnswer,
  renderChoices,
  renderNotice,
} from "./render.js";

/**
 * Past this age an interaction is deferred before answering, so the 3 s deadline holds even when the
 * process is busy (event-loop backlog, slow host clock). Fresh interactions get one direct reply.
 */
const DEFER_AFTER_MS = 1500;
const CHOICES_MAX = 25;

type Answerable = ChatInputCommandInteraction | ButtonInteraction;

export function createInteractionHandler(deps: HandlerDeps): (interaction: Interaction) => Promise<void> {
  const vote = deps.recorder.vote;
  return async (interaction) => {
    if (interaction.isAutocomplete()) {
      if (interaction.commandName === COMMAND_NAME) await autocomplete(deps, interaction);
    } else if (interaction.isChatInputCommand()) {
      if (interaction.commandName === COMMAND_NAME) await guarded(deps, interaction, "slash", slash);
    } else if (interaction.isButton()) {
      if (isFeedbackButton(interaction.customId))
        await feedback(deps, () => onFeedbackButton(interaction, vote));
      else if (decodeAction(interaction.customId) !== null)
        await guarded(deps, interaction, "button", button);
    } else if (interaction.isModalSubmit()) {
      if (isFeedbackNote(interaction.customId)) await feedback(deps, () => onFeedbackNote(interaction, vote));
    }
  };
}

async function slash(deps: HandlerDeps, interaction: ChatInputCommandInteraction): Promise<void> {
  const text = interaction.options.getString(OPTIONS.query, true);
  const chosen = interaction.options.getString(OPTIONS.deal);
  const deal = chosen || null;
  const ephemeral = !(interaction.options.getBoolean(OPTIONS.public) ?? false);
  await answer(deps, interaction, { text, options: deal ? { deal } : {}, deal, ephemeral, entry: "slash" });
}

async function button(deps: HandlerDeps, interaction: ButtonInteraction): Promise<void> {
  const action = decodeAction(
    interaction.customId,
    deps.getBot().deals.map((deal) => deal.id),
  );
  // A click answers for the clicker alone when the answer it sits on was only for them.
  const ephemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
  if (!action) return;
  switch (action.kind) {
    case "more": {
      const text = action.query ?? questionFromEmbeds(interaction.message.embeds);
      if (!text) {
        await send(
          interaction,
          renderNotice("I can no longer tell which question this was. Please ask again."),
          true,
        );
        return;
      }
      const options: AnswerOptions = { offset: action.offset, ...(action.deal ? { deal: action.deal } : {}) };
      await answer(deps, interaction, { text, options, deal: action.deal, ephemeral, entry: "button" });
      return;
    }
    case "compare": {
      const text = `compare ${action.topics.join(" ")}`;
      await answer(deps, interaction, { text, options: {}, deal: null, ephemeral, entry: "button" });
      return;
    }
    case "ask":
      await answer(deps, interaction, {
        text: action.query,
        options: {},
        deal: null,
        ephemeral,
        entry: "button",
      });
      return;
  }
}

type Request = {
  text: string;
  options: AnswerOptions;
  deal: DealId | null;
  ephemeral: boolean;
  entry: Entry;
};

async function answer(deps: HandlerDeps, interaction: Answerable, request: Request): Promise<void> {
  const startedAt = performance.now();
  if (!deps.accepting()) {
    await send(interaction, renderNotice(RESTARTING_TEXT), true);
    return;
  }
  if (Date.now() - interaction.createdTimestamp > DEFER_AFTER_MS) {
    await interaction.deferReply(request.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  }
  const question: Question = {
    requestId: interaction.id,
    entry: request.entry,
    user: interaction.user.id,
    guild: interaction.guildId,
    text: request.text,
    options: request.options,
  };
  const outcome = await ask(deps, question);
  if (outcome.kind === "limited") {
    logLimited(deps, question);
    await send(interaction, renderNotice(slowDownText(outcome.retryAfterMs)), true);
    return;
  }
  const reply = withFeedback(renderAnswer(outcome.answer, { deal: request.deal }), outcome.questionId);
  await send(interaction, reply, request.ephemeral);
  logAnswered(deps, question, outcome.answer, startedAt);
}

async function autocomplete(deps: HandlerDeps, interaction: AutocompleteInteraction): Promise<void> {
  const startedAt = performance.now();
  try {
    const focused = interaction.options.getFocused(true);
    // Not rate limited: Discord sends one per keystroke, and suggestions are a cheap in-memory lookup.
    const choices =
      focused.name === OPTIONS.query && deps.accepting()
        ? renderChoices(deps.getBot().suggest(String(focused.value), CHOICES_MAX))
        : [];
    await interaction.respond(choices);
  } catch (error) {
    // The user may have typed on (Discord then drops this request): nothing to tell them.
    logFailed(deps, { requestId: interaction.id, entry: "autocomplete" }, error, startedAt);
  }
}

/** A feedback click or note: the vote is already queued, so a failed acknowledgement is only logged. */
async function feedback(deps: HandlerDeps, acknowledge: () => Promise<void>): Promise<void> {
  try {
    await acknowledge();
  } catch (error) {
    deps.logger.warn({ err: describeError(error) }, "feedback acknowledgement failed");
  }
}

/** Runs a handler; any failure becomes one log line and a short ephemeral error reply, never a throw. */
async function guarded<T extends Answerable>(
  deps: HandlerDeps,
  interaction: T,
  entry: Entry,
  handler: (deps: HandlerDeps, interaction: T) => Promise<void>,
): Promise<void> {
  const startedAt = performance.now();
  try {
    await handler(deps, interaction);
  } catch (error) {
    logFailed(deps, { requestId: interaction.id, entry }, error, startedAt);
    try {
      await send(interaction, renderNotice(ERROR_TEXT), true);
    } catch (replyError) {
      logFailed(deps, { requestId: interaction.id, entry }, replyError, startedAt);
    }
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
    await interaction.reply({ ...reply, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  }
}
