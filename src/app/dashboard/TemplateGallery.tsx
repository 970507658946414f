/**
 * The template gallery of the new-map form: a card per template with a
 * miniature of the map, its name and one line about it. A radio group, as
 * a native one behaves: Tab enters at the chosen template, the arrow keys
 * move the choice, Space or Enter chooses the focused card. The miniatures
 * are a chunk of their own (they read the templates' data), fetched when
 * the form opens, so the dashboard's first load does not carry them.
 */
import { lazy, Suspense, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { TEMPLATE_IDS } from '../../model/choices';
import type { Locale, TemplateId } from '../../model/schema';
import './gallery.css';

const TemplatePreview = lazy(() => import('./TemplatePreview'));

const NEXT: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export function TemplateGallery({ value, onChange, locale }: { value: TemplateId; onChange(id: TemplateId): void; locale: Locale }) {
  const { t } = useTranslation();
  const refs = useRef(new Map<TemplateId, HTMLDivElement>());
  const move = (e: KeyboardEvent, id: TemplateId) => {
    let next: TemplateId | undefined;
    if (e.key in NEXT) next = TEMPLATE_IDS[(TEMPLATE_IDS.indexOf(id) + NEXT[e.key]! + TEMPLATE_IDS.length) % TEMPLATE_IDS.length];
    else if (e.key === 'Home') next = TEMPLATE_IDS[0];
    else if (e.key === 'End') next = TEMPLATE_IDS[TEMPLATE_IDS.length - 1];
    else if (e.key === ' ' || e.key === 'Enter') next = id;
    if (!next) return;
    // Enter picks rather than submits the form: the Create button does that.
    e.preventDefault();
    onChange(next);
    refs.current.get(next)?.focus();
  };
  const labelId = 'template-gallery-label';
  return (
    <div className="template-gallery-field">
      <span id={labelId} className="template-gallery-label">
        {t('dashboard.template')}
      </span>
      <div className="template-gallery" role="radiogroup" aria-labelledby={labelId} data-testid="template-gallery">
        {TEMPLATE_IDS.map((id) => {
          const checked = id === value;
          return (
            <div
              key={id}
              ref={(el) => {
                if (el) refs.current.set(id, el);
                else refs.current.delete(id);
              }}
              role="radio"
              aria-checked={checked}
              aria-labelledby={`template-${id}-name`}
              aria-describedby={`template-${id}-description`}
              tabIndex={checked ? 0 : -1}
              className={`template-card${checked ? ' is-checked' : ''}`}
              data-template={id}
              onClick={() => onChange(id)}
              onKeyDown={(e) => move(e, id)}
            >
              <div className="template-preview" aria-hidden="true">
                <Suspense fallback={null}>
                  <TemplatePreview id={id} locale={locale} />
                </Suspense>
              </div>
              <span className="template-name" id={`template-${id}-name`}>
                {t(`gallery.names.${id}`)}
              </span>
              <span className="template-description" id={`template-${id}-description`}>
                {t(`gallery.descriptions.${id}`)}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
