/**
 * The options of GET /api/maps/:id/export.pdf and export.png (and of
 * `npm run export`), as query parameters: the Export dialog's options.
 *   pdf: paper=fit|a4|a3 (fit: the whole map on one page), summary=1,
 *        comments=1 (badges and the open threads), lang, author
 *   png: scope=map|selection (cards=<id>,<id>…)|view (view=x,y,width,height
 *        in map units), background=white|transparent, comments=1, lang
 *   both: state=current|future|both (the map's current state, its future
 *        state, or both side by side; default both)
 * Anything else is refused with the list of what is wrong.
 */
import { z } from 'zod';
import { LOCALES } from '../../src/model/choices';
import { DEFAULT_STATE_VIEW, STATE_VIEWS } from '../../src/model/cardState';

const flag = z.enum(['0', '1']).transform((v) => v === '1');

const common = {
  comments: flag.default(false),
  /** the language of the export's own words; the map's language when absent */
  lang: z.enum(LOCALES).optional(),
  /** shown as the PDF's author */
  author: z.string().max(100).default(''),
  /** which state of the map is drawn (src/model/cardState.ts) */
  state: z.enum(STATE_VIEWS).default(DEFAULT_STATE_VIEW),
};

export const PdfQuerySchema = z.strictObject({
  ...common,
  paper: z.enum(['fit', 'a4', 'a3']).default('fit'),
  summary: flag.default(false),
});

const viewRect = z
  .string()
  .transform((v) => v.split(',').map(Number))
  .pipe(z.tuple([z.number().finite(), z.number().finite(), z.number().finite().positive(), z.number().finite().positive()]))
  .transform(([x, y, width, height]) => ({ x, y, width, height }));

export const PngQuerySchema = z
  .strictObject({
    ...common,
    scope: z.enum(['map', 'selection', 'view']).default('map'),
    cards: z
      .string()
      .max(100_000)
      .transform((v) => v.split(',').filter(Boolean))
      .optional(),
    view: viewRect.optional(),
    background: z.enum(['white', 'transparent']).default('white'),
  })
  .refine((q) => q.scope !== 'selection' || (q.cards?.length ?? 0) > 0, {
    message: 'scope=selection needs cards=<id>,<id>…',
    path: ['cards'],
  })
  .refine((q) => q.scope !== 'view' || q.view !== undefined, { message: 'scope=view needs view=x,y,width,height', path: ['view'] });

export type PdfQuery = z.infer<typeof PdfQuerySchema>;
export type PngQuery = z.infer<typeof PngQuerySchema>;

/** The export's options among a request's query parameters: all but the share link's token. */
export const optionsOf = (query: URLSearchParams): Record<string, string> =>
  Object.fromEntries([...query.entries()].filter(([name]) => name !== 'token'));
