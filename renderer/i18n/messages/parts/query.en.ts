/** English messages of one area (query: data fetching, autosave, core codes worded here); the reference for query.*.ts. */
export const queryEn = {
  'query.autosave.failed': 'The draft could not be saved. Fulcrum keeps trying every few seconds — keep this window open, or save the entry.',
} as const satisfies Record<string, string>;
