/** English messages of one area (templates); the reference for the other languages' templates.*.ts. */
export const templatesEn = {
} as const satisfies Record<string, string>;
