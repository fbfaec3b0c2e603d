import { describe, expect, it } from "vitest";
import { noteModal as discordModal, feedbackRow } from "../../src/adapters/discord/feedback.js";
import { readVoteValue, voteValue } from "../../src/adapters/shared/feedback.js";
import { feedbackBlock, noteModal as slackModal } from "../../src/adapters/slack/feedback.js";

const LONGEST_ID = "x".repeat(64);

describe("feedback payloads, shaped as the platforms document them", () => {
  it("round-trips a vote through a button value and refuses anything else", () => {
    expect(readVoteValue(voteValue("down", "AbC_12-xyz0123456"))).toEqual({
      vote: "down",
      questionId: "AbC_12-xyz0123456",
    });
    for (const bad of [
      "sideways:AbC_12-xyz0123456",
      "up:short",
      "up:<@U1>aaaaaaaa",
      `up:${"x".repeat(65)}`,
    ]) {
      expect(readVoteValue(bad)).toBeNull();
    }
  });

  it("Slack: a context_actions block holding one feedback_buttons element, within Block Kit limits", () => {
    const block = feedbackBlock(LONGEST_ID);
    expect(block.type).toBe("context_actions");
    expect(block.elements).toHaveLength(1);
    const [buttons] = block.elements;
    if (buttons?.type !== "feedback_buttons") throw new Error("expected feedback_buttons");
    expect(buttons.action_id?.length).toBeLessThanOrEqual(255);
    for (const button of [buttons.positive_button, buttons.negative_button]) {
      expect(button.text.type).toBe("plain_text");
      expect(button.text.text.length).toBeLessThanOrEqual(75);
      expect(button.value.length).toBeLessThanOrEqual(2000);
      expect(button.accessibility_label?.length ?? 0).toBeLessThanOrEqual(75);
    }
    expect(readVoteValue(buttons.positive_button.value)).toEqual({ vote: "up", questionId: LONGEST_ID });
    expect(readVoteValue(buttons.negative_button.value)).toEqual({ vote: "down", questionId: LONGEST_ID });
  });

  it("Slack: the note modal is optional, capped at 500 characters, and carries the question id", () => {
    const modal = slackModal(LONGEST_ID);
    expect(modal.private_metadata).toBe(LONGEST_ID);
    for (const text of [modal.title, modal.submit, modal.close])
      expect(text?.text.length).toBeLessThanOrEqual(24);
    const [input] = modal.blocks;
    expect(input).toMatchObject({
      type: "input",
      optional: true,
      element: { type: "plain_text_input", multiline: true, max_length: 500 },
    });
  });

  it("Discord: one row of two buttons whose custom ids fit in 100 characters; a modal within its limits", () => {
    const row = feedbackRow(LONGEST_ID);
    expect(row.components).toHaveLength(2);
    for (const button of row.components) {
      if (!("custom_id" in button)) throw new Error("expected custom_id");
      expect(button.custom_id.length).toBeLessThanOrEqual(100);
      expect(button.label?.length ?? 0).toBeLessThanOrEqual(80);
    }
    const modal = discordModal(LONGEST_ID);
    expect(modal.custom_id.length).toBeLessThanOrEqual(100);
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(modal.components[0]).toMatchObject({
      components: [{ style: 2, required: false, max_length: 500 }],
    });
  });
});
