import type { App, BlockAction, FeedbackButtonsAction, types } from "@slack/bolt";
import type { Logger } from "../../logger.js";
import type { FeedbackVote } from "../../store/question-log.js";
import { isQuestionId, MAX_NOTE_LENGTH, readVoteValue, THANKS, voteValue } from "../shared/feedback.js";
import { type Block, LIMITS } from "./blocks.js";

export const FEEDBACK_ACTION_ID = "tpd_feedback";
export const NOTE_CALLBACK_ID = "tpd_feedback_note";
const NOTE_BLOCK_ID = "missing";
const NOTE_INPUT_ID = "note";

/** 👍/👎 under an answer, as Slack documents them: feedback buttons inside a context actions block. */
export function feedbackBlock(questionId: string): types.ContextActionsBlock {
  return {
    type: "context_actions",
    elements: [
      {
        type: "feedback_buttons",
        action_id: FEEDBACK_ACTION_ID,
        positive_button: {
          text: { type: "plain_text", text: "👍" },
          value: voteValue("up", questionId),
          accessibility_label: "This answer helped",
        },
        negative_button: {
          text: { type: "plain_text", text: "👎" },
          value: voteValue("down", questionId),
          accessibility_label: "This answer missed something",
        },
      },
    ],
  };
}

/**
 * The blocks with 👍/👎 at the end, unless that would take them past Slack's block limits (`jsonLength`: the
 * length of the blocks' JSON, as the renderer measured it).
 */
export function withFeedback(
  { blocks, jsonLength }: { blocks: Block[]; jsonLength: number },
  questionId: string,
): Block[] {
  const block = feedbackBlock(questionId);
  const fits = blocks.length < LIMITS.blocks && jsonLength + JSON.stringify(block).length < LIMITS.blocksJson;
  return fits ? [...blocks, block] : blocks;
}

/** The optional "what was missing?" after a 👎: private to the user, the question id carried in the view. */
export function noteModal(questionId: string): types.ModalView {
  return {
    type: "modal",
    callback_id: NOTE_CALLBACK_ID,
    private_metadata: questionId,
    title: { type: "plain_text", text: "Thanks for the 👎" },
    submit: { type: "plain_text", text: "Send" },
    close: { type: "plain_text", text: "Skip" },
    blocks: [
      {
        type: "input",
        block_id: NOTE_BLOCK_ID,
        optional: true,
        label: { type: "plain_text", text: "What was missing?" },
        element: {
          type: "plain_text_input",
          action_id: NOTE_INPUT_ID,
          multiline: true,
          max_length: MAX_NOTE_LENGTH,
          placeholder: { type: "plain_text", text: "Optional: what you hoped the answer would say" },
        },
      },
    ],
  };
}

type Record = (vote: FeedbackVote) => void;

/**
 * A click records the vote (a later click replaces it) and is acknowledged only to the clicker: 👍 with an
 * ephemeral line, 👎 with the private modal. Nothing is posted in the channel.
 */
export function registerFeedback(app: Pick<App, "action" | "view">, record: Record, logger: Logger): void {
  const log = logger.child({ adapter: "slack" });

  app.action<BlockAction<FeedbackButtonsAction>>(
    { type: "block_actions", action_id: FEEDBACK_ACTION_ID },
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const vote = readVoteValue(action.value);
      if (!vote) return;
      record({ ...vote, platform: "slack", userId: body.user.id });
      try {
        if (vote.vote === "down") {
          await client.views.open({ trigger_id: body.trigger_id, view: noteModal(vote.questionId) });
        } else {
          await respond({ response_type: "ephemeral", replace_original: false, text: THANKS });
        }
      } catch (error) {
        log.warn({ err: (error as Error).message, vote: vote.vote }, "feedback acknowledgement failed");
      }
    },
  );

  app.view(NOTE_CALLBACK_ID, async ({ ack, view, body }) => {
    const note = view.state.values[NOTE_BLOCK_ID]?.[NOTE_INPUT_ID]?.value ?? "";
    const questionId = view.private_metadata;
    if (isQuestionId(questionId) && note.trim()) {
      record({ questionId, vote: "down", note, platform: "slack", userId: body.user.id });
    }
    await ack();
  });
}
