import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBridge } from './transport/index.js';
import { App } from './App.js';
import { LinkScreen } from './components/LinkScreen.js';
import { call } from './api.js';
import { I18nProvider, type LanguageStore } from './i18n/index.js';
import './styles/app.css';

// In browser mode there is no preload: this installs the HTTP `window.fulcrum` once the page has
// traded its launch link for a session (it does nothing when Electron's preload already put one there).
void installBridge().then((state) => {
  const root = document.getElementById('root');
  if (!root) return;
  // The chosen language is a preference outside the journal: readable before unlock, saved from Settings.
  const store: LanguageStore | null =
    state.status === 'ready' ? { load: () => call('ui.language', {}), save: (language) => call('ui.setLanguage', { language }) } : null;
  createRoot(root).render(
    <StrictMode>
      <I18nProvider store={store}>{state.status === 'ready' ? <App /> : <LinkScreen state={state} />}</I18nProvider>
    </StrictMode>,
  );
});
