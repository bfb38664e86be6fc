import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BRIDGE_KEY } from '../../electron/api/transport';
import { AuthScreen } from './features/account/AuthScreen';
import { appNeedsSignIn, readSession } from './features/account/authHttp';
import { authRoute } from './features/account/authLogic';
import { t } from './i18n';
import './ui/tokens.css';
import './ui/ui.css';
import './app/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

/**
 * Electron (a preload bridge) runs the app at once on a personal library (the main process vouches for its owner)
 * and shows Sign in first on a team library. Browser mode asks the
 * host first (POST /session) and shows the sign-in screens until there is a session, so the app's API socket is
 * never opened without one; a link's #setup= / #invite= / #reset= opens its own screen even when signed in.
 */
async function boot(el: HTMLElement): Promise<void> {
  // The desktop app on a team library asks who you are (its main process keeps the session).
  if (BRIDGE_KEY in window && (await appNeedsSignIn().catch(() => false))) {
    createRoot(el).render(
      <StrictMode>
        <AuthScreen route={{ kind: 'sign-in' }} setupNeeded={false} />
      </StrictMode>,
    );
    return;
  }
  if (!(BRIDGE_KEY in window)) {
    document.title = t('app.title');
    const route = authRoute(window.location.hash);
    const session = await readSession();
    if (route.kind !== 'sign-in' || !session?.signedIn) {
      createRoot(el).render(
        <StrictMode>
          <AuthScreen route={route} setupNeeded={session?.setupNeeded ?? false} note={session ? undefined : t('auth.unreachable')} />
        </StrictMode>,
      );
      return;
    }
  }
  const { startApp } = await import('./app/startApp');
  startApp(el);
}

void boot(root);
