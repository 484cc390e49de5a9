// The window's entry point. The bridge object must already be on `window`
// (the preload in the app, /bridge.js in the e2e harness and web demo).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { findBridge } from './bridge';
import { MARKS } from './perf-marks';
import './styles/app.css';

performance.mark(MARKS.scriptStart);

const root = createRoot(document.getElementById('root')!);
const api = findBridge();
root.render(
  <StrictMode>
    {api ? (
      <App api={api} />
    ) : (
      <p className="notice" role="alert">
        SSO Tray cannot reach the app: the bridge is missing. Open this window from the tray.
      </p>
    )}
  </StrictMode>,
);
