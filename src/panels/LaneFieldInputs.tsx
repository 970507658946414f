/**
 * The inspector's inputs for a lane kind's fields, one widget per entry of
 * the lane-field table (model/laneFields.ts): a select for a choice or a
 * scale, a checkbox for a toggle, text and number boxes. With several cards
 * selected each input shows their common value or "mixed", and a change
 * applies to all of them.
 */
import type { LucideIcon } from 'lucide-react';
import { useTranslation } from '../i18n/useTranslation';
import type { CardFields } from '../model/commands/cards';
import { scaleOptions, type LaneField, type LaneFieldName } from '../model/laneFields';
import type { Card } from '../model/schema';
import { Choice, CommitNumber, CommitText, Field, MIXED, common } from '../ui/fields';
import { Icon, MomentOfTruthIcon } from '../icons';

/** Test ids the browser tests (and people's scripts) already use. */
const TEST_IDS: Partial<Record<LaneFieldName, string>> = {
  emotion: 'inspector-emotion',
  momentOfTruth: 'moment-of-truth',
  value: 'kpi-value',
  target: 'kpi-target',
};
const FIELD_ICONS: Partial<Record<LaneFieldName, LucideIcon>> = { momentOfTruth: MomentOfTruthIcon };

interface Props {
  fields: readonly LaneField[];
  cards: readonly Card[];
  onChange(patch: CardFields): void;
}

export function LaneFieldInputs({ fields, cards, onChange }: Props) {
  // Short fields (a value, its target, its unit) sit side by side, as in a form's row.
  const groups: LaneField[][] = [];
  for (const field of fields) {
    const last = groups.at(-1);
    if (field.short && last?.[0]?.short) last.push(field);
    else groups.push([field]);
  }
  return groups.map((group) =>
    group.length > 1 ? (
      <div className="field-row" key={group[0]!.name}>
        {group.map((field) => (
          <FieldInput key={field.name} field={field} cards={cards} onChange={onChange} />
        ))}
      </div>
    ) : (
      <FieldInput key={group[0]!.name} field={group[0]!} cards={cards} onChange={onChange} />
    ),
  );
}

function FieldInput({ field, cards, onChange }: { field: LaneField; cards: readonly Card[]; onChange(patch: CardFields): void }) {
  const { t } = useTranslation();
  const testId = TEST_IDS[field.name];
  const patch = (value: unknown) => onChange({ [field.name]: value } as CardFields);

  switch (field.widget) {
    case 'toggle': {
      const on = common(cards, (c) => c[field.name] === true);
      const icon = FIELD_ICONS[field.name];
      return (
        <label className="check">
          <input
            type="checkbox"
            data-testid={testId}
            checked={on === true}
            ref={(el) => {
              if (el) el.indeterminate = on === MIXED;
            }}
            onChange={(e) => patch(e.target.checked ? true : undefined)}
          />
          {icon && <Icon icon={icon} />} {t(field.label)}
        </label>
      );
    }
    case 'choice':
      return (
        <Field label={t(field.label)}>
          {(id) => (
            <Choice
              id={id}
              testId={testId}
              value={common(cards, (c) => (c[field.name] as string | undefined) ?? field.default)}
              options={field.options}
              allowNone={field.default === undefined}
              label={(o) => t(`${field.optionLabels}.${o}`)}
              onChange={patch}
            />
          )}
        </Field>
      );
    case 'scale':
      return (
        <Field label={t(field.label)}>
          {(id) => (
            <Choice<number>
              id={id}
              testId={testId}
              value={common(cards, (c) => c[field.name] as number | undefined)}
              options={scaleOptions(field)}
              allowNone
              label={(o) => (field.optionLabels ? t(`${field.optionLabels}.${o}`) : field.min < 0 && o > 0 ? `+${o}` : String(o))}
              onChange={patch}
            />
          )}
        </Field>
      );
    case 'number':
      return (
        <Field label={t(field.label)}>
          {(id) => (
            <CommitNumber id={id} testId={testId} value={common(cards, (c) => c[field.name] as number | undefined)} onCommit={patch} />
          )}
        </Field>
      );
    case 'text': {
      const suggestions =
        typeof field.suggestions === 'string' ? (t(field.suggestions, { returnObjects: true }) as string[]) : (field.suggestions ?? []);
      const listId = suggestions.length > 0 ? `field-suggestions-${field.name}` : undefined;
      return (
        <Field label={t(field.label)}>
          {(id) => (
            <>
              <CommitText
                id={id}
                testId={testId}
                list={listId}
                value={common(cards, (c) => (c[field.name] as string | undefined) ?? '')}
                maxLength={field.maxLength}
                onCommit={(v) => patch(field.emptyIsUnset ? v || undefined : v)}
              />
              {listId && (
                <datalist id={listId}>
                  {suggestions.map((s) => (
                    <option key={s} value={s} />
                  ))}
                </datalist>
              )}
            </>
          )}
        </Field>
      );
    }
  }
}
