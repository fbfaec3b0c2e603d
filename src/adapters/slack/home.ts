import type { DealOverview, Overview } from "../../core/overview.js";
import { formatDate } from "../../core/phrasing.js";
import { plain } from "../shared/safe-text.js";
import type { ActionsBlock, Block, Button } from "./blocks.js";
import { LIMITS } from "./blocks.js";
import { encodeButtonValue } from "./button-values.js";
import { linkUrl, mrkdwnText } from "./escape.js";
import { ACTION } from "./registration.js";

/** The App Home tab as `views.publish` takes it. */
type HomeView = { type: "home"; blocks: Block[] };

const STATUS_MAX = 600;

/** The Home tab: every deal with its signing and latest development, the knowledge's date, example questions. */
export function renderHome(overview: Overview): HomeView {
  const blocks: Block[] = [
    { type: "header", text: { type: "plain_text", text: "Technology Prosperity Deals" } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: "Cited answers from the deals' own texts and official summaries. Ask with `/tpd`, mention me in a channel, or message me here.",
      },
    },
    {
      type: "context",
      elements: [{ type: "mrkdwn", text: `Knowledge as of ${mrkdwnText(formatDate(overview.asOf), 60)}` }],
    },
    { type: "divider" },
    ...overview.deals.map(dealSection),
  ];
  const examples = exampleButtons(overview);
  if (examples) {
    blocks.push(
      { type: "divider" },
      {
        type: "section",
        text: { type: "mrkdwn", text: "*Try a question* (the answer arrives in Messages)" },
      },
      examples,
    );
  }
  return { type: "home", blocks: blocks.slice(0, 100) };
}

function dealSection(deal: DealOverview): Block {
  const signed = `Signed ${formatDate(deal.signed.date)} in ${deal.signed.place} · ${deal.document}`;
  const lines = [`*${mrkdwnText(deal.name, 200)}*`, mrkdwnText(signed, 400)];
  if (deal.latest) {
    const url = linkUrl(deal.latest.source.url);
    const label = mrkdwnText(deal.latest.source.label, 150);
    const latest = `Latest (${formatDate(deal.latest.date)}): ${mrkdwnText(deal.latest.text, STATUS_MAX)} — `;
    const linked = `${latest}${url ? `<${url}|${label}>` : label}`;
    // A very long link would push the section past Slack's limit: the label alone then.
    const fits = [...lines, linked].join("\n").length <= LIMITS.sectionText;
    lines.push(fits ? linked : `${latest}${label}`);
  } else {
    lines.push("No later developments recorded since signing.");
  }
  return { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } };
}

function exampleButtons(overview: Overview): ActionsBlock | null {
  const elements: Button[] = overview.examples.map((example, index) => ({
    type: "button",
    action_id: `${ACTION.askPrefix}h${index}`,
    text: { type: "plain_text", text: plain(example.label, LIMITS.buttonText) },
    value: encodeButtonValue({ q: example.query }),
  }));
  return elements.length > 0 ? { type: "actions", elements } : null;
}
