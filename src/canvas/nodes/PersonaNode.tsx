/** The persona the map follows, as a card at the head of the map. */
import { memo } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { addPersona } from '../../model/commands/personas';
import { useCanEdit, useSession } from '../../state/session';
import { tryCommand } from '../../state/tryCommand';
import { Avatar } from '../../ui/Avatar';
import { useMapSelector, useOpenMap } from '../../state/mapContext';

function PersonaNodeView() {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const personaId = useMapSelector((s) => s.meta?.personaId);
  const persona = useMapSelector((s) => s.personas.find((p) => p.id === personaId));
  const setPanel = useSession((s) => s.setPanel);
  const canEdit = useCanEdit();

  if (!persona && !canEdit) return null;
  if (!persona) {
    return (
      <div className="persona-node is-empty" data-testid="persona-head">
        <button
          type="button"
          className="nodrag"
          onClick={() => {
            if (tryCommand(() => addPersona(doc, { name: t('personas.newName') })) !== undefined) setPanel('personas');
          }}
        >
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
      tabIndex={0}
      title={t('personas.openPanel')}
      onClick={() => setPanel('personas')}
      onKeyDown={(e) => {
        if (e.key === 'Enter') setPanel('personas');
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
