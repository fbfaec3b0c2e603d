/** In a DM, the bot's earlier answer counts as the previous turn for this long; after that a message starts afresh. */
export const DM_CONTEXT_MS = 60 * 60 * 1000;
