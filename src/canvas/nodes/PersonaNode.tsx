/**
 * The persona the map follows, as a card at the head of the map. A place of
 * the keyboard's above the stage headers (navigation.ts): Enter on it is the
 * actions table's openPersona, as a click is.
 */
import { memo } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { openPersona } from '../../actions/actions';
import { useCanEdit, useSession } from '../../state/session';
import { Avatar } from '../../ui/Avatar';
import { useMapSelector, useOpenMap } from '../../state/mapContext';

function PersonaNodeView() {
  const { t } = useTranslation();
  const map = useOpenMap();
  const personaId = useMapSelector((s) => s.meta?.personaId);
  const persona = useMapSelector((s) => s.personas.find((p) => p.id === personaId));
  const isTabStop = useSession((s) => s.tabStopId === 'persona');
  const canEdit = useCanEdit();
  const place = { 'data-nav-id': 'persona', tabIndex: isTabStop ? 0 : -1 };

  if (!persona && !canEdit) return null;
  if (!persona) {
    return (
      <div className="persona-node is-empty" data-testid="persona-head">
        <button type="button" className="nodrag" onClick={() => openPersona(map)} {...place}>
          + {t('personas.add')}
        </button>
        <span className="muted">{t('personas.emptyHint')}</span>
      </div>
    );
  }
  const subtitle = [
    persona.role,
    persona.segment,
    persona.archetype && t(`archetypes.${persona.archetype}`, { defaultValue: persona.archetype }),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div
      className="persona-node"
      data-testid="persona-head"
      role="button"
      {...place}
      title={t('personas.openPanel')}
      onClick={() => openPersona(map)}
      onKeyDown={(e) => {
        // Enter comes through the actions table; Space is a button's key too.
        if (e.key === ' ') {
          e.preventDefault();
          openPersona(map);
        }
      }}
    >
      <Avatar value={persona.avatar} size={64} />
      <div className="persona-body">
        <h2 className="persona-name">{persona.name || t('personas.unnamed')}</h2>
        {subtitle && <p className="persona-subtitle">{subtitle}</p>}
        {persona.quote && <blockquote className="persona-quote">“{persona.quote}”</blockquote>}
        <div className="persona-lists">
          {persona.goals.length > 0 && (
            <p>
              <strong>{t('personas.goals')}:</strong> {persona.goals.slice(0, 3).join(' · ')}
            </p>
          )}
          {persona.frustrations.length > 0 && (
            <p>
              <strong>{t('personas.frustrations')}:</strong> {persona.frustrations.slice(0, 2).join(' · ')}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}

export const PersonaNode = memo(PersonaNodeView);
