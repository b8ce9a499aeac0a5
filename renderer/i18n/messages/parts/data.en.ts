/** English messages of one area (data); the reference for the other languages' data.*.ts. */
export const dataEn = {
} as const satisfies Record<string, string>;
