import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startStore } from '../store';
import { startMe } from '../store/meStore';
import { App } from './App';

/** Starts the app proper (its API connection, stores and screens): only once the page has a session. */
export function startApp(root: HTMLElement): void {
  startStore();
  startMe();
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
