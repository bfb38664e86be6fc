import { useStore } from '../store';
import { useMeStore } from '../store/meStore';
import { recalledScreen, rememberScreen } from '../store/screenMemory';

/**
 * Once the signed-in person is known: back to the room this tab was in for them (a reload), and from then on the
 * room is kept for them (store/screenMemory.ts). Only while the app still shows the Library it starts in.
 */
export function startRoomMemory(): void {
  let started = false;
  const start = (userId: string) => {
    if (started) return;
    started = true;
    const s = useStore.getState();
    const back = recalledScreen(userId);
    if (s.screen === 'library' && back === 'editor') s.openEditor();
    else if (s.screen === 'library' && back) s.setScreen(back);
    useStore.subscribe((st, prev) => {
      if (st.screen !== prev.screen) rememberScreen(userId, st.screen);
    });
  };
  const me = useMeStore.getState().me;
  if (me) start(me.id);
  else {
    const unsub = useMeStore.subscribe((st) => {
      if (!st.me) return;
      unsub();
      start(st.me.id);
    });
  }
}
