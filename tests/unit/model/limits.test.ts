import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CardSchema, fitText, LIST_LIMITS, maxLength, MetaSchema, PersonaSchema, TEXT_LIMITS } from '../../../src/model';

describe('limits read from the schemas', () => {
  it('are the numbers the schemas enforce', () => {
    expect(TEXT_LIMITS.cardText).toBe(5000);
    expect(TEXT_LIMITS.mapTitle).toBe(200);
    expect(LIST_LIMITS.personaListItems).toBe(50);
    for (const [schema, max] of [
      [CardSchema.shape.text, TEXT_LIMITS.cardText],
      [CardSchema.shape.unit, TEXT_LIMITS.cardUnit],
      [MetaSchema.shape.description, TEXT_LIMITS.mapDescription],
      [PersonaSchema.shape.goals.element, TEXT_LIMITS.personaListItem],
    ] as const) {
      expect(schema.safeParse('a'.repeat(max)).success).toBe(true);
      expect(schema.safeParse('a'.repeat(max + 1)).success).toBe(false);
    }
  });

  it('maxLength throws for a schema without a maximum', () => {
    expect(() => maxLength(z.string())).toThrow(/no maximum/);
    expect(maxLength(z.array(z.string()).max(3).optional())).toBe(3);
  });

  it('fitText cuts to the limit and never leaves half a surrogate pair', () => {
    expect(fitText('abc', 5)).toBe('abc');
    expect(fitText('abcdef', 3)).toBe('abc');
    expect(fitText('ab😀', 3)).toBe('ab');
    expect(fitText('ab😀', 4)).toBe('ab😀');
  });
});
