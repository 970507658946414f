import { useTranslation } from 'react-i18next';
import { Dashboard } from './Dashboard';
import { WorkspaceGate } from './WorkspaceGate';
import { MapPage } from './MapPage';
import { navigate, parseRoute, usePathname } from './router';
import { SignInLinkGate } from './SignInLink';

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
      return <MapPage key={route.mapId} mapId={route.mapId} />;
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
