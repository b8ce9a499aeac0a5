/** English messages of one area (attachments); the reference for the other languages' attachments.*.ts. */
export const attachmentsEn = {
} as const satisfies Record<string, string>;
