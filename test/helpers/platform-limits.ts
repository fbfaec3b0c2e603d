import type { DiscordReply } from "../../src/adapters/discord/render.js";
import { LIMITS as DISCORD } from "../../src/adapters/discord/render.js";
import type { SlackMessage } from "../../src/adapters/slack/blocks.js";
import { LIMITS as SLACK } from "../../src/adapters/slack/blocks.js";

/**
 * Checks a rendered reply against the platform's limits and mention rules, and returns what is wrong
 * (empty when nothing is), so a fuzz failure says which rule broke on which part.
 */

function over(problems: string[], what: string, length: number, max: number, min = 0): void {
  if (length > max) problems.push(`${what}: ${length} > ${max}`);
  if (length < min) problems.push(`${what}: ${length} < ${min}`);
}

/**
 * Slack: within Block Kit's limits; in mrkdwn the only `<…>` markup is a link to an http(s) URL or a
 * mention of the user who shared the answer; plain text and button values carry no markup at all.
 */
export function slackProblems(message: SlackMessage, sharedBy: string | null = null): string[] {
  const problems: string[] = [];
  const { blocks } = message;
  over(problems, "blocks", blocks.length, SLACK.blocks, 1);
  over(problems, "blocks JSON", JSON.stringify(blocks).length, SLACK.blocksJson);
  over(problems, "fallback text", message.text.length, SLACK.fallbackText, 1);
  const mrkdwn: string[] = [message.text];
  const plain: string[] = [];
  const values: string[] = [];
  for (const block of blocks) {
    if (block.type === "header") {
      over(problems, "header", block.text.text.length, SLACK.headerText, 1);
      plain.push(block.text.text);
    } else if (block.type === "section") {
      over(problems, "section", block.text.text.length, SLACK.sectionText, 1);
      mrkdwn.push(block.text.text);
      if (block.accessory) {
        values.push(block.accessory.value);
        plain.push(block.accessory.text.text);
      }
    } else if (block.type === "context") {
      over(problems, "context elements", block.elements.length, SLACK.contextElements, 1);
      for (const element of block.elements) {
        over(problems, "context text", element.text.length, SLACK.contextText, 1);
        mrkdwn.push(element.text);
      }
    } else if (block.type === "actions") {
      over(problems, "actions elements", block.elements.length, SLACK.actionsElements, 1);
      for (const button of block.elements) {
        over(problems, "button text", button.text.text.length, SLACK.buttonText, 1);
        over(problems, "button value", button.value.length, SLACK.buttonValue);
        over(problems, "action id", button.action_id.length, SLACK.actionId, 1);
        plain.push(button.text.text);
        values.push(button.value);
      }
    }
  }
  for (const text of mrkdwn) {
    for (const [, inner] of text.matchAll(/<([^<>]*)>/g)) {
      const allowed = /^https?:\/\//.test(inner ?? "") || (sharedBy !== null && inner === `@${sharedBy}`);
      if (!allowed) problems.push(`markup <${inner}> in mrkdwn`);
    }
  }
  for (const text of plain)
    if (/<[!@#]/.test(text)) problems.push(`markup in plain text: ${text.slice(0, 80)}`);
  for (const value of values) if (/[<>]/.test(value)) problems.push("markup in a button value");
  return problems;
}

/** Discord: within message and embed limits, and no text that could ping anyone, even if echoed raw. */
export function discordProblems(reply: DiscordReply): string[] {
  const problems: string[] = [];
  over(problems, "content", reply.content?.length ?? 0, DISCORD.content);
  over(problems, "embeds", reply.embeds.length, DISCORD.embeds);
  let total = 0;
  for (const embed of reply.embeds) {
    const parts = {
      title: [embed.title ?? "", DISCORD.title],
      description: [embed.description ?? "", DISCORD.description],
      footer: [embed.footer?.text ?? "", DISCORD.footer],
      author: [embed.author?.name ?? "", DISCORD.author],
    } as const;
    for (const [name, [text, max]] of Object.entries(parts)) {
      over(problems, name, text.length, max);
      total += text.length;
    }
    const fields = embed.fields ?? [];
    over(problems, "fields", fields.length, DISCORD.fields);
    for (const field of fields) {
      over(problems, "field name", field.name.trim().length, DISCORD.fieldName, 1);
      over(problems, "field value", field.value.trim().length, DISCORD.fieldValue, 1);
      total += field.name.length + field.value.length;
    }
  }
  over(problems, "embed total", total, DISCORD.embedTotal);
  over(problems, "rows", reply.components.length, DISCORD.rows);
  for (const row of reply.components) {
    over(problems, "buttons in a row", row.components.length, DISCORD.buttonsPerRow, 1);
    for (const button of row.components) {
      over(problems, "label", button.label?.length ?? 0, DISCORD.label, 1);
      over(problems, "custom id", button.custom_id.length, 100, 1);
    }
  }
  const text = JSON.stringify(reply);
  if (/@(everyone|here)/i.test(text)) problems.push("a raw @everyone or @here");
  if (text.includes("<@")) problems.push("a raw user or role mention");
  return problems;
}
