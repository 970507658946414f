/** The export endpoints' `state` option (current and future state, issue 16): both by default, one of three values. */
import { describe, expect, it } from 'vitest';
import { PdfQuerySchema, PngQuerySchema } from '../../../server/export/exportQuery';

describe('the state an export draws', () => {
  it('is both by default, or the one asked for', () => {
    expect(PdfQuerySchema.parse({}).state).toBe('both');
    expect(PdfQuerySchema.parse({ state: 'future' }).state).toBe('future');
    expect(PngQuerySchema.parse({ state: 'current' }).state).toBe('current');
  });

  it('refuses any other value', () => {
    expect(PdfQuerySchema.safeParse({ state: 'past' }).success).toBe(false);
  });
});
