import { lazy, Suspense } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { Dashboard } from './Dashboard';
import { WorkspaceGate } from './WorkspaceGate';
import { navigate, parseRoute, usePathname } from './router';
import { SignInLinkGate } from './SignInLink';

// The canvas (React Flow, Yjs, the editor) loads only when a map is opened: the dashboard does not need it.
export const loadMapPage = () => import('./MapPage');
const MapPage = lazy(() => loadMapPage().then((m) => ({ default: m.MapPage })));

export function App() {
  return (
    <SignInLinkGate>
      <Route />
    </SignInLinkGate>
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
