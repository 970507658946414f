import { useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useTranslation } from '../i18n/useTranslation';
import { t as translate } from '../i18n/language';
import { renameMap } from '../model/commands/map';
import { TEXT_LIMITS } from '../model/limits';
import { MAP_LIMITS } from '../model/schema';
import { createLiveMap } from '../model/live';
import { createUndo } from '../model/undo';
import { bindPresence } from '../sync/presence';
import { PresenceBar } from '../panels/PresenceBar';
import { TimerDisplay } from '../panels/timer/TimerDisplay';
import { PresentationHost } from '../panels/presentation/PresentationHost';
import { JourneyCanvas } from '../canvas/JourneyCanvas';
import { MapProvider, useMapSelector, useOpenMap, type OpenMap } from '../state/mapContext';
import { InlineText } from '../ui/InlineText';
import { resetSession, useCanEdit, useSession } from '../state/session';
import { tryCommand } from '../state/tryCommand';
import { connectMap } from '../sync/mapConnection';
import { ConnectionBadge } from './ConnectionBadge';
import { LanguageSwitch } from './LanguageSwitch';
import { navigate } from './router';
import { pageToken, resolveAccess, type AccessResult } from './access';
import { SignIn } from './SignIn';
import { ShareButton } from './ShareDialog';
import { HistoryDialog } from './history/HistoryDialog';
import { PreviewBanner } from './history/PreviewBanner';
import { usePreview } from './history/usePreview';
import { useComparison } from './history/useComparison';
import { CompareBanner, comparePdfUrl } from './history/CompareBanner';
import { ComparePanel } from './history/ComparePanel';
import { CompareProvider } from '../state/compareContext';
import { COMPARE_NOW } from '../model/compare/wire';
import { restoreVersion } from './history/api';
import { usePresence } from '../sync/presence';
import { SidePanel } from '../panels/SidePanel';
import '../panels/panels.css';
import { WorkshopToolbar } from '../panels/WorkshopToolbar';
import { RoundsBar } from '../panels/RoundsBar';
import { openPrivateDoc, requestReveal } from '../sync/privateDoc';
import { liveRounds } from '../model/rounds/live';
import { currentRound } from '../model/rounds/rules';
import { OpportunityMatrix } from '../panels/OpportunityMatrix';
import { RepairNotice } from '../panels/RepairNotice';
import { CommandNotice } from '../panels/CommandNotice';
import { ActionsProvider } from '../actions/ActionsProvider';
import { ShortcutsDialog } from '../actions/ShortcutsDialog';
import { LiveAnnouncer } from '../ui/LiveAnnouncer';
import { ReviewStatus } from './review/ReviewStatus';
import { useLinkedCard } from './useLinkedCard';
import { useLinkedMaps } from '../state/linkedMaps';
import { useMapJourney } from './journeys/useMapJourney';
import { PartOf } from './journeys/PartOf';
import { LinkPicker } from './journeys/LinkPicker';

/** Linked journeys of the open map: fills the titles and parents the canvas and the title bar show. */
function MapJourney({ mapId, token }: { mapId: string; token: string | null }) {
  useMapJourney(mapId, token);
  return null;
}

function MapTitle() {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const title = useMapSelector((s) => s.meta?.title ?? '');
  const [editing, setEditing] = useState(false);
  const canEdit = useCanEdit();
  useEffect(() => {
    document.title = title ? `${title} · Journeyboard` : 'Journeyboard';
  }, [title]);
  return editing ? (
    <InlineText
      value={title}
      maxLength={TEXT_LIMITS.mapTitle}
      ariaLabel={t('map.titleLabel')}
      onSave={(v) => {
        setEditing(false);
        if (v.trim() && v.trim() !== title) tryCommand(() => renameMap(doc, v));
      }}
      onCancel={() => setEditing(false)}
    />
  ) : (
    <h1
      className="map-title-heading"
      data-testid="map-title"
      onDoubleClick={() => canEdit && setEditing(true)}
      title={canEdit ? t('dashboard.rename') : undefined}
    >
      {title}
    </h1>
  );
}

/** Why the map cannot be shown; `reload` when loading the page again helps (the server has a good copy). */
function Unavailable({ message, reload = false }: { message: string; reload?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="unavailable" role="alert">
      <p>{message}</p>
      {reload && (
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          {t('map.reload')}
        </button>
      )}
      <button type="button" className={reload ? undefined : 'primary'} onClick={() => navigate('/')}>
        {t('map.toDashboard')}
      </button>
    </div>
  );
}

export function MapPage({ mapId }: { mapId: string }) {
  const { t, language } = useTranslation();
  const [open, setOpen] = useState<OpenMap | null>(null);
  const [access, setAccess] = useState<AccessResult | null>(null);
  /** bumped to ask the server again (after signing in) */
  const [attempt, setAttempt] = useState(0);
  const availability = useSession((s) => s.availability);
  const role = useSession((s) => s.role);
  const matrixOpen = useSession((s) => s.matrixOpen);
  const picking = useLinkedMaps((s) => s.picking);
  const canEdit = useCanEdit();
  const token = pageToken();
  const [historyOpen, setHistoryOpen] = useState(false);
  const { preview, show: showPreview, close: closePreview, error: previewError } = usePreview(mapId, token);
  const comparing = useComparison(mapId, token);
  const comparison = comparing.comparison;
  const shown = comparison?.open ?? preview?.open ?? open;
  const shownKey = comparison
    ? `compare:${comparison.state.result.from.id}:${comparison.state.result.to.id}:${comparison.state.result.to.createdAt}`
    : preview
      ? preview.version.id
      : 'live';
  useLinkedCard(open?.doc ?? null, availability === 'ready' && !preview && !comparison);

  useEffect(() => {
    let current = true;
    setAccess(null);
    void resolveAccess(mapId, token).then((result) => current && setAccess(result));
    return () => {
      current = false;
    };
  }, [mapId, token, attempt]);

  useEffect(() => {
    if (access?.kind !== 'granted') return;
    resetSession();
    useSession.getState().setRole(access.role);
    const connection = connectMap(mapId, token);
    const live = createLiveMap(connection.doc);
    const undo = createUndo(connection.doc);
    const presence = bindPresence(connection.provider.awareness, translate('presence.guest', { n: Math.floor(100 + Math.random() * 900) }));
    // Only editors write in workshop rounds, so only they have a private document.
    const privateConnection = access.role === 'editor' ? openPrivateDoc(mapId, token) : null;
    const roundsView = liveRounds(connection.doc);
    const connectPrivate = () => privateConnection?.setActive(currentRound(roundsView.getSnapshot()) !== null);
    connectPrivate();
    const stopWatchingRounds = roundsView.subscribe(connectPrivate);
    const rounds = { privateDoc: privateConnection?.doc ?? null, reveal: (roundId: string) => requestReveal(mapId, token, roundId) };
    setOpen({ doc: connection.doc, live, undo, presence, commentsDoc: connection.commentsDoc, rounds });
    return () => {
      stopWatchingRounds();
      privateConnection?.destroy();
      presence.destroy();
      undo.destroy();
      live.destroy();
      connection.destroy();
      resetSession();
    };
  }, [mapId, token, access]);

  return (
    <div className="map-page">
      {shown && availability === 'ready' && (
        // The first stop of the page: past the top bar and the toolbar (some twenty stops) to the map.
        <a
          className="skip-link"
          href="#map-canvas"
          onClick={(e) => {
            e.preventDefault();
            document.getElementById('map-canvas')?.focus();
          }}
        >
          {t('keyboard.skipToMap')}
        </a>
      )}
      <header className="topbar">
        <a
          className="back"
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate('/');
          }}
        >
          ← {t('map.back')}
        </a>
        {open && availability === 'ready' && (
          <MapProvider value={open}>
            <MapTitle />
            <MapJourney mapId={mapId} token={token} />
            <PartOf />
            <ReviewStatus mapId={mapId} token={token} />
          </MapProvider>
        )}
        <span className="spacer" />
        {open && availability === 'ready' && (
          <MapProvider value={open}>
            <TimerDisplay />
            <PresenceBar />
          </MapProvider>
        )}
        {open && availability === 'ready' && role !== 'editor' && (
          <span className="role-badge" data-testid="role-badge" data-role={role} title={t(`access.roleHint.${role}`)}>
            {t(`access.role.${role}`)}
          </span>
        )}
        {open && availability === 'ready' && (
          <button type="button" data-testid="history" onClick={() => setHistoryOpen(true)}>
            {t('history.button')}
          </button>
        )}
        {open && availability === 'ready' && <ShareButton mapId={mapId} />}
        <ConnectionBadge />
        <LanguageSwitch />
      </header>
      {access?.kind === 'denied' && access.reason === 'sign-in' && <SignIn onSignedIn={() => setAttempt((n) => n + 1)} />}
      {access?.kind === 'denied' && access.reason === 'invalid-link' && <Unavailable message={t('access.invalidLink')} />}
      {access?.kind === 'not-found' && <Unavailable message={t('map.notFound')} />}
      {access?.kind === 'granted' && (
        <>
          {availability === 'notFound' && <Unavailable message={t('map.notFound')} />}
          {availability === 'deleted' && <Unavailable message={t('map.deleted')} />}
          {availability === 'revoked' && <Unavailable message={t('access.revoked')} />}
          {availability === 'full' && <Unavailable message={t('map.full', { cards: MAP_LIMITS.cards })} reload />}
          {availability === 'refused' && <Unavailable message={t('map.refused')} reload />}
          {availability === 'loading' && <p className="muted centered">{t('map.loading')}</p>}
        </>
      )}
      {access === null && <p className="muted centered">{t('map.loading')}</p>}
      {historyOpen && (
        <HistoryDialog
          mapId={mapId}
          token={token}
          onClose={() => setHistoryOpen(false)}
          onPreview={(v) => {
            setHistoryOpen(false);
            comparing.close();
            void showPreview(v);
          }}
          onCompare={(from, to) => {
            setHistoryOpen(false);
            closePreview();
            void comparing.show(from.id, to ? to.id : COMPARE_NOW);
          }}
        />
      )}
      {comparing.error && (
        <p className="error centered" role="alert">
          {t('compare.error', { message: comparing.error })}
        </p>
      )}
      {comparing.loading && <p className="muted centered">{t('compare.loading')}</p>}
      {comparison && (
        <CompareBanner
          state={comparison.state}
          onClose={comparing.close}
          pdfUrl={comparePdfUrl(mapId, token, comparison.state, language)}
        />
      )}
      {previewError && (
        <p className="error centered" role="alert">
          {previewError}
        </p>
      )}
      {preview && !comparison && (
        <PreviewBanner
          version={preview.version}
          canRestore={role === 'editor'}
          onRestore={async () => {
            await restoreVersion(mapId, token, preview.version.id, usePresence.getState().me.name);
            closePreview();
          }}
          onClose={closePreview}
        />
      )}
      {shown && availability === 'ready' && (
        <MapProvider value={shown} key={shownKey}>
          <CompareProvider value={comparison?.state ?? null}>
            {/* One React Flow store for the canvas and the toolbar: Export reads the viewport. */}
            <ReactFlowProvider>
              {/* The toolbar, the canvas and the context menu run the same actions table (src/actions). */}
              <ActionsProvider>
                <main className="map-main">
                  <WorkshopToolbar />
                  <RoundsBar />
                  <RepairNotice />
                  <LiveAnnouncer />
                  <div className={`map-body${canEdit ? '' : ' is-read-only'}`}>
                    <JourneyCanvas mapKey={mapId} />
                    {comparison ? <ComparePanel state={comparison.state} /> : <SidePanel />}
                  </div>
                </main>
                {matrixOpen && <OpportunityMatrix />}
                <ShortcutsDialog />
                <PresentationHost />
              </ActionsProvider>
            </ReactFlowProvider>
          </CompareProvider>
        </MapProvider>
      )}
      {picking && open && availability === 'ready' && !preview && !comparison && (
        <MapProvider value={open}>
          <LinkPicker mapId={mapId} target={picking} />
        </MapProvider>
      )}
      <CommandNotice />
    </div>
  );
}
