/** English messages of one area (screens); the reference for the other languages' screens.*.ts. */
export const screensEn = {
} as const satisfies Record<string, string>;
