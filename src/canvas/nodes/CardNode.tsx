import { memo, useCallback } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { deleteCard, updateCardText } from '../../model/commands/cards';
import { useSession } from '../../state/session';
import { InlineText } from '../InlineText';
import { useCard, useOpenMap } from '../mapContext';
import type { CardNode as CardNodeType } from '../projection';

function CardNodeView({ id, selected, dragging }: NodeProps<CardNodeType>) {
  const { t } = useTranslation();
  const { doc } = useOpenMap();
  const card = useCard(id);
  const editing = useSession((s) => s.editingCardId === id);
  const startEditing = useSession((s) => s.startEditing);
  const stopEditing = useSession((s) => s.stopEditing);

  const save = useCallback(
    (text: string) => {
      stopEditing();
      const trimmed = text.trim();
      // A card left empty right after it was added has no value: drop it.
      if (!trimmed && !card?.text) deleteCard(doc, id);
      else if (trimmed !== card?.text) updateCardText(doc, id, trimmed);
    },
    [doc, id, card?.text, stopEditing],
  );
  const cancel = useCallback(() => {
    stopEditing();
    if (!card?.text) deleteCard(doc, id);
  }, [doc, id, card?.text, stopEditing]);

  if (!card) return null;
  return (
    <div
      className={`card-node${selected ? ' is-selected' : ''}${dragging ? ' is-dragging' : ''}`}
      data-testid="card"
      data-card-id={id}
      onDoubleClick={(e) => {
        e.stopPropagation();
        startEditing(id);
      }}
      title={editing ? undefined : t('canvas.editHint')}
    >
      {editing ? (
        <InlineText
          value={card.text}
          multiline
          maxLength={5000}
          placeholder={t('canvas.cardPlaceholder')}
          ariaLabel={t('canvas.cardPlaceholder')}
          onSave={save}
          onCancel={cancel}
        />
      ) : (
        <p className={`card-text${card.text ? '' : ' is-empty'}`}>{card.text || t('canvas.emptyCard')}</p>
      )}
    </div>
  );
}

export const CardNode = memo(CardNodeView);
