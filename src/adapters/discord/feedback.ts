import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIModalInteractionResponseCallbackData,
  type ButtonInteraction,
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type ModalSubmitInteraction,
  TextInputStyle,
} from "discord.js";
import type { FeedbackVote } from "../../store/question-log.js";
import { isQuestionId, MAX_NOTE_LENGTH, readVoteValue, THANKS, voteValue } from "../shared/feedback.js";

const BUTTON_PREFIX = "tpd:fb:";
const NOTE_PREFIX = "tpd:fbnote:";
const NOTE_INPUT_ID = "note";
const MAX_ROWS = 5;

/** Two buttons under an answer; each custom id carries the vote and the question id (well under 100 chars). */
export function feedbackRow(questionId: string): APIActionRowComponent<APIButtonComponent> {
  const button = (vote: "up" | "down", emoji: string, label: string): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: `${BUTTON_PREFIX}${voteValue(vote, questionId)}`,
    emoji: { name: emoji },
    label,
  });
  return {
    type: ComponentType.ActionRow,
    components: [button("up", "👍", "Helpful"), button("down", "👎", "Not helpful")],
  };
}

/** The reply with 👍/👎 as its last row, when there is room (Discord allows five rows). */
export function withFeedback<T extends { components: unknown[] }>(reply: T, questionId: string | null): T {
  if (questionId === null || reply.components.length >= MAX_ROWS) return reply;
  return { ...reply, components: [...reply.components, feedbackRow(questionId)] };
}

export function isFeedbackButton(customId: string): boolean {
  return customId.startsWith(BUTTON_PREFIX);
}

export function isFeedbackNote(customId: string): boolean {
  return customId.startsWith(NOTE_PREFIX);
}

/** The optional "what was missing?" after a 👎, shown only to the user who clicked. */
export function noteModal(questionId: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: `${NOTE_PREFIX}${questionId}`,
    title: "Thanks for the 👎",
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: NOTE_INPUT_ID,
            style: TextInputStyle.Paragraph,
            label: "What was missing? (optional)",
            required: false,
            max_length: MAX_NOTE_LENGTH,
            placeholder: "What you hoped the answer would say",
          },
        ],
      },
    ],
  };
}

type Record = (vote: FeedbackVote) => void;

/** Records the vote; 👍 is thanked in an ephemeral reply, 👎 answered with the private note modal. */
export async function onFeedbackButton(interaction: ButtonInteraction, record: Record): Promise<void> {
  const vote = readVoteValue(interaction.customId.slice(BUTTON_PREFIX.length));
  if (!vote) return;
  record({ ...vote, platform: "discord", userId: interaction.user.id });
  if (vote.vote === "down") await interaction.showModal(noteModal(vote.questionId));
  else await interaction.reply({ content: THANKS, flags: MessageFlags.Ephemeral });
}

export async function onFeedbackNote(interaction: ModalSubmitInteraction, record: Record): Promise<void> {
  const questionId = interaction.customId.slice(NOTE_PREFIX.length);
  const note = interaction.fields.getTextInputValue(NOTE_INPUT_ID);
  if (isQuestionId(questionId) && note.trim()) {
    record({ questionId, vote: "down", note, platform: "discord", userId: interaction.user.id });
  }
  await interaction.reply({ content: THANKS, flags: MessageFlags.Ephemeral });
}
