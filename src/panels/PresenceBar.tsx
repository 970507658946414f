/**
 * Who is here: my avatar (with my name, asked once and remembered) and one
 * avatar per other person. An avatar opens a menu: go to where they are
 * looking, or follow them. "Ask everyone to follow me" is the facilitator's
 * follow-me; the others get an offer to follow, in the bar itself (as the
 * name form), so it covers no control while it waits for an answer.
 */
import { useState } from 'react';
import { useTranslation } from '../i18n/useTranslation';
import { useOpenMap } from '../state/mapContext';
import { usePresence, type Peer, type PresenceUser } from '../sync/presence';
import { enterFullscreen } from './presentation/presentationState';
import { CloseIcon, Icon } from '../icons';
import { initials } from '../ui/initials';
import { readableOn } from '../ui/readableOn';

export function AvatarDot({ user, size = 28 }: { user: PresenceUser; size?: number }) {
  return (
    <span
      className="presence-avatar"
      style={{ background: user.color, color: readableOn(user.color), width: size, height: size }}
      aria-hidden
    >
      {initials(user.name)}
    </span>
  );
}

function NameForm({ onDone, inline }: { onDone(): void; inline?: boolean }) {
  const { t } = useTranslation();
  const { presence } = useOpenMap();
  const me = usePresence((s) => s.me);
  const [name, setName] = useState(me.name);
  return (
    <form
      className={`name-form${inline ? ' is-inline' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        presence.setName(name);
        onDone();
      }}
    >
      <label htmlFor="presence-name">{t('presence.askName')}</label>
      <input
        id="presence-name"
        data-testid="presence-name"
        value={name}
        maxLength={60}
        autoComplete="name"
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" className="primary">
        {t('presence.saveName')}
      </button>
    </form>
  );
}

/** One entry per person: a second tab of the same person is not a second avatar. */
function people(peers: readonly Peer[]): Peer[] {
  const seen = new Set<string>();
  return peers.filter((p) => (seen.has(p.user.id) ? false : (seen.add(p.user.id), true)));
}

export function PresenceBar() {
  const { t } = useTranslation();
  const { presence } = useOpenMap();
  const me = usePresence((s) => s.me);
  const named = usePresence((s) => s.named);
  const peers = usePresence((s) => s.peers);
  const following = usePresence((s) => s.following);
  const setFollowing = usePresence((s) => s.setFollowing);
  const jumpTo = usePresence((s) => s.jumpTo);
  const [menu, setMenu] = useState<number | 'me' | null>(null);
  const [followingMe, setFollowingMe] = useState(false);
  const [dismissed, setDismissed] = useState<ReadonlySet<number>>(new Set());
  const others = people(peers).filter((p) => p.user.id !== me.id);
  // Someone presenting is followed the same way as someone asking to be followed.
  const leader = peers.find((p) => (p.followMe || p.presenting) && following !== p.clientId && !dismissed.has(p.clientId));

  return (
    <div className="presence-bar" data-testid="presence-bar">
      {/* Asked once, in the bar itself so it covers nothing; remembered in this browser. */}
      {!named && <NameForm inline onDone={() => undefined} />}
      {leader && (
        <div className="follow-banner" role="status" data-testid="follow-banner">
          <span className="follow-banner-text">
            {leader.presenting
              ? t('present.isPresenting', { name: leader.user.name })
              : t('presence.asksToFollow', { name: leader.user.name })}
          </span>
          <button
            type="button"
            className="primary"
            onClick={() => {
              // The click is the gesture full screen needs: a follower watches the slides as the presenter does.
              if (leader.presenting) enterFullscreen();
              setFollowing(leader.clientId);
            }}
          >
            {t('presence.follow')}
          </button>
          <button type="button" onClick={() => setDismissed(new Set([...dismissed, leader.clientId]))}>
            {t('presence.notNow')}
          </button>
        </div>
      )}
      <div className="presence-item">
        <button
          type="button"
          className="presence-me"
          title={t('presence.you', { name: me.name })}
          onClick={() => setMenu(menu === 'me' ? null : 'me')}
        >
          <AvatarDot user={me} />
          <span className="presence-name" data-testid="my-name">
            {me.name}
          </span>
        </button>
        {menu === 'me' && (
          <div className="presence-menu" role="dialog" aria-label={t('presence.askName')}>
            <NameForm onDone={() => setMenu(null)} />
            <label className="check">
              <input
                type="checkbox"
                data-testid="follow-me"
                checked={followingMe}
                onChange={(e) => {
                  setFollowingMe(e.target.checked);
                  presence.setFollowMe(e.target.checked);
                }}
              />
              {t('presence.followMe')}
            </label>
          </div>
        )}
      </div>
      {others.map((peer) => (
        <div className="presence-item" key={peer.clientId}>
          <button
            type="button"
            className={`presence-peer${following === peer.clientId ? ' is-following' : ''}`}
            style={{ borderColor: peer.user.color }}
            data-testid="peer-avatar"
            title={peer.user.name}
            aria-label={peer.user.name}
            onClick={() => setMenu(menu === peer.clientId ? null : peer.clientId)}
          >
            <AvatarDot user={peer.user} />
          </button>
          {menu === peer.clientId && (
            <div className="presence-menu" role="menu">
              <p className="presence-menu-title">{peer.user.name}</p>
              <button
                type="button"
                role="menuitem"
                disabled={!peer.viewport}
                onClick={() => {
                  jumpTo(peer.clientId);
                  setMenu(null);
                }}
              >
                {t('presence.goTo')}
              </button>
              <button
                type="button"
                role="menuitem"
                data-testid="follow-peer"
                onClick={() => {
                  setFollowing(following === peer.clientId ? null : peer.clientId);
                  setMenu(null);
                }}
              >
                {following === peer.clientId ? t('presence.stopFollowing') : t('presence.follow')}
              </button>
            </div>
          )}
        </div>
      ))}
      {following !== null && (
        <button type="button" className="following-badge" onClick={() => setFollowing(null)}>
          {t('presence.followingBadge', { name: peers.find((p) => p.clientId === following)?.user.name ?? '' })} <Icon icon={CloseIcon} />
        </button>
      )}
    </div>
  );
}
