/** English messages of one area (report); the reference for the other languages' report.*.ts. */
export const reportEn = {
} as const satisfies Record<string, string>;
