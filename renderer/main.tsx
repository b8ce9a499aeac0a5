import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBridge } from './transport/index.js';
import { App } from './App.js';
import './styles/app.css';

// In browser mode there is no preload: this installs the HTTP `window.fulcrum` (it does nothing
// when Electron's preload already put one there).
installBridge();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
