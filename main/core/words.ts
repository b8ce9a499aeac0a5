import { nativeLanguage, nativeText, type NativeText } from '../../shared/native-text.js';
import type { Ports } from './ports.js';

/**
 * The words of the native dialogs and notifications the core asks the host for, in the language
 * the person chose in Settings (or the operating system's). Read at each use, so a change of
 * language in Settings reaches the next dialog without a restart.
 */
export function hostWords(ports: Pick<Ports, 'preferences' | 'systemLanguages'>): NativeText {
  return nativeText(nativeLanguage(ports.preferences?.get('language'), ports.systemLanguages));
}
