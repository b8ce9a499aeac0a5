/** The points of an attach where a test can stop the process (crash safety is tested at each). */
export const ATTACH_STEPS = ['sniffed', 'row-written', 'chunk-written', 'shared-written', 'linked'] as const;
export type AttachStep = (typeof ATTACH_STEPS)[number];
