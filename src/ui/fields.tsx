/**
 * Inspector form fields. Text commits on blur or Enter (one document write
 * per edit, not per keystroke); a remote change shows up unless the field is
 * being typed in. A field over several cards with different values is
 * "mixed" until it is set.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from '../i18n/useTranslation';

export const MIXED = Symbol('mixed');
export type Mixed<T> = T | typeof MIXED;

/** The one value all items share, or MIXED. */
export function common<T, V>(items: readonly T[], get: (item: T) => V): Mixed<V> {
  const [first, ...rest] = items;
  if (first === undefined) return MIXED;
  const v = get(first);
  return rest.every((i) => get(i) === v) ? v : MIXED;
}

export function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint && <p className="field-hint muted">{hint}</p>}
    </div>
  );
}

interface TextProps {
  id?: string;
  value: Mixed<string>;
  /**
   * The field's text, and `base`: the value it showed when this edit began.
   * A co-edited field (a card's text) writes only the change from `base`,
   * so what someone else wrote meanwhile is not overwritten.
   */
  onCommit(value: string, base: string): void;
  multiline?: boolean;
  maxLength: number;
  placeholder?: string;
  list?: string;
  testId?: string;
  /** -1 where the field is reached another way than Tab (a lane header's, canvas/nodes/headerFields.ts) */
  tabIndex?: number;
}

export function CommitText({ id, value, onCommit, multiline, maxLength, placeholder, list, testId, tabIndex }: TextProps) {
  const { t } = useTranslation();
  const shown = value === MIXED ? '' : value;
  const [draft, setDraft] = useState(shown);
  const focused = useRef(false);
  // What the draft started from: while focused the field keeps the user's draft, whatever arrives meanwhile.
  const base = useRef(shown);
  useEffect(() => {
    if (focused.current) return;
    setDraft(shown);
    base.current = shown;
  }, [shown]);
  const commit = () => {
    if (draft === base.current) return;
    onCommit(draft, base.current);
    base.current = draft;
  };
  const common = {
    id,
    value: draft,
    maxLength,
    placeholder: value === MIXED ? t('inspector.mixed') : placeholder,
    'data-testid': testId,
    tabIndex,
    onFocus: () => {
      focused.current = true;
    },
    onBlur: () => {
      focused.current = false;
      // Unchanged: show what arrived while focused. Changed: the commit changes `shown`, which brings it.
      if (draft !== base.current) return commit();
      setDraft(shown);
      base.current = shown;
    },
  };
  return multiline ? (
    <textarea
      {...common}
      rows={3}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
          e.preventDefault();
          commit();
        } else if (e.key === 'Escape') setDraft(base.current);
      }}
    />
  ) : (
    <input
      {...common}
      list={list}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.nativeEvent.isComposing) commit();
        else if (e.key === 'Escape') setDraft(base.current);
      }}
    />
  );
}

/** A number that may be empty (unset); commits on blur/Enter. */
export function CommitNumber({
  id,
  value,
  onCommit,
  testId,
}: {
  id?: string;
  value: Mixed<number | undefined>;
  onCommit(v: number | undefined): void;
  testId?: string;
}) {
  const shown = value === MIXED || value === undefined ? '' : String(value);
  return (
    <CommitText
      id={id}
      testId={testId}
      value={value === MIXED ? MIXED : shown}
      maxLength={24}
      onCommit={(raw) => {
        const trimmed = raw.trim().replace(',', '.');
        if (trimmed === '') onCommit(undefined);
        else if (Number.isFinite(Number(trimmed))) onCommit(Number(trimmed));
      }}
    />
  );
}

/** A select over fixed options, with "mixed" and (optionally) "none". */
export function Choice<T extends string | number>({
  id,
  value,
  options,
  label,
  onChange,
  allowNone,
  testId,
}: {
  id?: string;
  value: Mixed<T | undefined>;
  options: readonly T[];
  label(option: T): string;
  onChange(value: T | undefined): void;
  allowNone?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const current = value === MIXED ? '__mixed' : value === undefined ? '' : String(value);
  return (
    <select
      id={id}
      data-testid={testId}
      value={current}
      onChange={(e) => {
        const raw = e.target.value;
        if (raw === '__mixed') return;
        if (raw === '') onChange(undefined);
        else onChange(options.find((o) => String(o) === raw));
      }}
    >
      {value === MIXED && <option value="__mixed">{t('inspector.mixed')}</option>}
      {(allowNone || value === undefined) && <option value="">{t('inspector.none')}</option>}
      {options.map((o) => (
        <option key={String(o)} value={String(o)}>
          {label(o)}
        </option>
      ))}
    </select>
  );
}

export const SCALE_1_5 = [1, 2, 3, 4, 5] as const;
