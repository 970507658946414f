import { afterEach, describe, expect, it } from 'vitest';
import en from '../../../src/i18n/en.json';
import zhCN from '../../../src/i18n/zh-CN.json';
import { addStage, collection, MAP_LIMITS, TEXT_LIMITS, updateCardText, addCard } from '../../../src/model';
import { resetSession, useSession } from '../../../src/state/session';
import { tryCommand } from '../../../src/state/tryCommand';
import { firstCell, mapDoc } from '../../fixtures/model';

/** The string at a dotted i18n key, or undefined. */
const at = (strings: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], strings);

afterEach(() => resetSession());

describe('tryCommand: a refused command tells the user, in their language', () => {
  it('a map past its stage limit: no stage, a notice naming the limit', () => {
    const doc = mapDoc();
    doc.transact(() => {
      for (let i = 0; collection(doc, 'stages').size < MAP_LIMITS.stages; i++) collection(doc, 'stages').set(`f${i}`, 'x' as never);
    });
    expect(tryCommand(() => addStage(doc, { name: 'one too many' }))).toBeUndefined();
    const notice = useSession.getState().notice!;
    expect(notice).toMatchObject({ key: 'notices.mapLimit.stages', values: { limit: MAP_LIMITS.stages } });
    expect(at(en, notice.key)).toContain('{{limit}}');
    expect(at(zhCN, notice.key)).toContain('{{limit}}');
  });

  it('an invalid write: nothing written, a notice naming the field; success passes the result through', () => {
    const doc = mapDoc();
    const id = addCard(doc, { ...firstCell(doc), text: 'kept' });
    expect(tryCommand(() => updateCardText(doc, id, 'x'.repeat(TEXT_LIMITS.cardText + 1)))).toBeUndefined();
    expect(useSession.getState().notice).toMatchObject({ key: 'notices.invalidWrite', values: { fields: 'text' } });
    expect(collection(doc, 'cards').get(id)!.get('text')?.toString()).toBe('kept');
    expect(tryCommand(() => updateCardText(doc, id, 'fine'))).toBe(true);
  });

  it('other errors are bugs and are thrown on', () => {
    expect(() =>
      tryCommand(() => {
        throw new Error('bug');
      }),
    ).toThrow('bug');
    expect(useSession.getState().notice).toBeNull();
  });
});
