/* global URL */
// Module hook: `electron` resolves to the stand-in next to this file (for the main-process smoke test).
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL('./electron.mjs', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}
