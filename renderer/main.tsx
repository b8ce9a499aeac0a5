import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBridge } from './transport/index.js';
import { App } from './App.js';
import { LinkScreen } from './components/LinkScreen.js';
import './styles/app.css';

// In browser mode there is no preload: this installs the HTTP `window.fulcrum` once the page has
// traded its launch link for a session (it does nothing when Electron's preload already put one there).
void installBridge().then((state) => {
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(<StrictMode>{state.status === 'ready' ? <App /> : <LinkScreen state={state} />}</StrictMode>);
});
