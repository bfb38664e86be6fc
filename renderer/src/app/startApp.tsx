import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startStore } from '../store';
import { startMe } from '../store/meStore';
import { startRoomMemory } from './roomMemory';
import { App } from './App';

/** Starts the app proper (its API connection, stores and screens): only once the page has a session. */
export function startApp(root: HTMLElement): void {
  startStore();
  startMe();
  startRoomMemory();
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
