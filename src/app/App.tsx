import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { cancelQuestions } from '../ui/askConfirm';
import { ConfirmHost } from '../ui/ConfirmHost';
import { Dashboard } from './Dashboard';
import { WorkspaceGate } from './WorkspaceGate';
import { navigate, parseRoute, usePathname } from './router';
import { SignInLinkGate } from './SignInLink';

// The canvas (React Flow, Yjs, the editor) loads only when a map is opened: the dashboard does not need it.
export const loadMapPage = () => import('./MapPage');
const MapPage = lazy(() => loadMapPage().then((m) => ({ default: m.MapPage })));

export function App() {
  const pathname = usePathname();
  // A question is about the page it was asked on: leaving the page (Back) answers it no.
  useEffect(() => cancelQuestions, [pathname]);
  return (
    <>
      <SignInLinkGate>
        <Route />
      </SignInLinkGate>
      {/* After the page, so its dialog is over any dialog of the page's own. */}
      <ConfirmHost />
    </>
  );
}

function Route() {
  const { t } = useTranslation();
  const route = parseRoute(usePathname());
  switch (route.name) {
    case 'dashboard':
      return (
        <WorkspaceGate>
          <Dashboard />
        </WorkspaceGate>
      );
    case 'map':
      return (
        <Suspense fallback={<div className="page-loading" aria-busy="true" />}>
          <MapPage key={route.mapId} mapId={route.mapId} />
        </Suspense>
      );
    case 'notFound':
      return (
        <div className="unavailable" role="alert">
          <p>{t('map.notFound')}</p>
          <button type="button" className="primary" onClick={() => navigate('/')}>
            {t('map.toDashboard')}
          </button>
        </div>
      );
  }
}
