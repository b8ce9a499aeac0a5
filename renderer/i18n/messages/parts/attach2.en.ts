/** English messages of attachments' metadata beyond images (attach2); the reference for attach2.*.ts. */
export const attach2En = {
  // Joined into "This file records {what}." when a PDF or a sound file names a person or carries other tags
  'attach2.sensitiveAuthor': 'the name of who made it ({author})',
  'attach2.sensitiveDetails': 'other descriptive tags (such as a title or comments)',
} as const satisfies Record<string, string>;
