/** English messages of one area (browser mode's streamed downloads); the reference for install.*.ts. */
export const installEn = {
  'install.download.export': 'Your export is downloading. It is not encrypted: keep it somewhere only you can open.',
  'install.download.backup': 'Your encrypted backup is downloading.',
} as const satisfies Record<string, string>;
