/**
 * The PDF back end: a Drawing painted with pdf-lib. Text stays text in the
 * shipped faces, embedded as subsets (only the glyphs used), so a PDF can be
 * searched and copied from in English and Chinese and stays small; shapes
 * are vector paths. The drawing's top-left origin becomes PDF's bottom-left
 * here and nowhere else.
 */
import * as fontkit from 'fontkit';
import {
  PDFDocument,
  degrees,
  drawText as textOperators,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  TextRenderingMode,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setLineWidth,
  setStrokingColor,
  setTextRenderingMode,
  type Color as PdfColor,
  type PDFFont,
  type PDFName as PDFNameType,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import type { FontBook, LoadedFace } from '../drawing/fontBook';
import type { Color, Drawing, DrawingItem, DrawingPage, TextItem } from '../drawing/types';
import { svgPathsOf } from './svgShapes';

/**
 * fontkit 2 for pdf-lib (whose own fork of fontkit 1 corrupts TrueType
 * subsets): pdf-lib was written against a subset that streamed its bytes,
 * fontkit 2 returns them at once; and pdf-lib lays text out through
 * font.layout, here glyph by glyph.
 */
interface StreamingSubset {
  encode(): Uint8Array;
  encodeStream?: () => unknown;
}

const fontkitForPdfLib = {
  create(bytes: Uint8Array) {
    const font = fontkit.create(bytes as Buffer) as fontkit.Font;
    const createSubset = font.createSubset.bind(font);
    const glyphs = new Map<number, fontkit.Glyph>();
    const glyphOf = (cp: number) => {
      let glyph = glyphs.get(cp);
      if (!glyph) glyphs.set(cp, (glyph = font.glyphForCodePoint(cp)));
      return glyph;
    };
    Object.assign(font, {
      // Glyph by glyph, unshaped, as the font book measured the text (fontBook.ts): each glyph lands
      // where the layout put it, and a 600-card map is not shaped run by run.
      layout(text: string) {
        return { glyphs: [...text].map((ch) => glyphOf(ch.codePointAt(0)!)) };
      },
      createSubset() {
        const subset = createSubset() as unknown as StreamingSubset;
        subset.encodeStream = () => {
          const handlers: Partial<Record<'data' | 'end' | 'error', (value?: unknown) => void>> = {};
          const stream = {
            on(event: 'data' | 'end' | 'error', handler: (value?: unknown) => void) {
              handlers[event] = handler;
              return stream;
            },
          };
          queueMicrotask(() => {
            try {
              handlers.data?.(subset.encode());
              handlers.end?.();
            } catch (err) {
              handlers.error?.(err);
            }
          });
          return stream;
        };
        return subset;
      },
    });
    return font;
  },
};

/**
 * A colour and, only when it is translucent, its opacity: pdf-lib adds a
 * graphics state to the page for every call given an opacity, and finds each
 * one a unique name by scanning the others, so a big map drawn with
 * "opacity: 1" everywhere took seconds per thousand items.
 */
function colorOf(hex: Color): { color: PdfColor; opacity?: number } {
  const short = hex.replace('#', '');
  const v = short.length <= 4 ? [...short].map((c) => c + c).join('') : short;
  const channel = (i: number) => parseInt(v.slice(i, i + 2), 16) / 255;
  const alpha = v.length >= 8 ? channel(6) : 1;
  return { color: rgb(channel(0), channel(2), channel(4)), ...(alpha < 1 ? { opacity: alpha } : {}) };
}

/** A rounded rectangle as an SVG path. */
export function roundedRectPath(x: number, y: number, w: number, h: number, r: number): string {
  const k = Math.max(0, Math.min(r, w / 2, h / 2));
  if (k === 0) return `M${x} ${y}H${x + w}V${y + h}H${x}Z`;
  const c = k * 0.4477; // control distance of a quarter circle by a cubic curve (1 − 0.5523)
  return (
    `M${x + k} ${y}H${x + w - k}C${x + w - c} ${y} ${x + w} ${y + c} ${x + w} ${y + k}` +
    `V${y + h - k}C${x + w} ${y + h - c} ${x + w - c} ${y + h} ${x + w - k} ${y + h}` +
    `H${x + k}C${x + c} ${y + h} ${x} ${y + h - c} ${x} ${y + h - k}` +
    `V${y + k}C${x} ${y + c} ${x + c} ${y} ${x + k} ${y}Z`
  );
}

/** Outline width of emboldened text, in em: about what Chromium adds to a regular face. */
const SYNTHETIC_BOLD = 0.035;

interface Painter {
  page: PDFPage;
  height: number;
  font(face: LoadedFace): Promise<PDFFont>;
  fonts: FontBook;
  /** the page's resource name of each font it uses, made once: pdf-lib's drawText makes two per call */
  fontKeys: Map<PDFFont, PDFNameType>;
}

function paintPath(p: Painter, d: string, item: { fill?: Color; stroke?: Color; lineWidth?: number; dash?: number[] }) {
  if (!item.fill && !item.stroke) return;
  const fill = item.fill ? colorOf(item.fill) : null;
  const stroke = item.stroke ? colorOf(item.stroke) : null;
  // drawSvgPath puts the path's origin at (x, y) with y pointing down, as in the drawing.
  p.page.drawSvgPath(d, {
    x: 0,
    y: p.height,
    ...(fill ? { color: fill.color, ...(fill.opacity !== undefined ? { opacity: fill.opacity } : {}) } : {}),
    ...(stroke
      ? {
          borderColor: stroke.color,
          ...(stroke.opacity !== undefined ? { borderOpacity: stroke.opacity } : {}),
          borderWidth: item.lineWidth ?? 1,
          borderDashArray: item.dash,
        }
      : {}),
  });
}

const NO_TURN = degrees(0);

function fontKey(p: Painter, font: PDFFont): PDFNameType {
  let key = p.fontKeys.get(font);
  if (!key) p.fontKeys.set(font, (key = p.page.node.newFontDictionary(font.name, font.ref)));
  return key;
}

async function paintText(p: Painter, item: TextItem) {
  const { style } = item;
  const { color, ...opacity } = colorOf(style.color);
  // A run no shipped face has (an emoji) is left out: emojiPictures.ts put its picture in its place.
  for (const run of p.fonts.placedRuns(item)) {
    if (!run.face) continue;
    const font = await p.font(run.face);
    // Chinese has no bold face: outlined as well as filled, as a browser emboldens it on screen.
    if (run.syntheticBold)
      p.page.pushOperators(
        pushGraphicsState(),
        setTextRenderingMode(TextRenderingMode.FillAndOutline),
        setLineWidth(style.size * SYNTHETIC_BOLD),
        setStrokingColor(color),
      );
    const at = { x: run.x, y: p.height - item.y, size: style.size };
    if (opacity.opacity !== undefined) p.page.drawText(run.text, { ...at, font, color, ...opacity });
    else
      p.page.pushOperators(
        ...textOperators(font.encodeText(run.text), {
          ...at,
          font: fontKey(p, font),
          color,
          rotate: NO_TURN,
          xSkew: NO_TURN,
          ySkew: NO_TURN,
        }),
      );
    if (run.syntheticBold) p.page.pushOperators(popGraphicsState());
  }
}

async function paintItem(p: Painter, item: DrawingItem) {
  switch (item.kind) {
    case 'rect':
      paintPath(p, roundedRectPath(item.x, item.y, item.width, item.height, item.radius ?? 0), item);
      return;
    case 'path':
      paintPath(p, item.d, item);
      return;
    case 'text':
      await paintText(p, item);
      return;
    case 'image':
      for (const shape of svgPathsOf(item.svg, item)) paintPath(p, shape.d, shape);
      return;
  }
}

/** The PDF outline: one entry per bookmark, pointing at its page and height. */
function addOutline(doc: PDFDocument, entries: { title: string; page: PDFRef; top: number }[]) {
  if (entries.length === 0) return;
  const { context } = doc;
  const outlineRef = context.nextRef();
  const refs = entries.map(() => context.nextRef());
  entries.forEach((entry, i) => {
    const item = context.obj({});
    item.set(PDFName.of('Title'), PDFHexString.fromText(entry.title));
    item.set(PDFName.of('Parent'), outlineRef);
    if (i > 0) item.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < refs.length - 1) item.set(PDFName.of('Next'), refs[i + 1]!);
    item.set(PDFName.of('Dest'), context.obj([entry.page, PDFName.of('XYZ'), PDFNull, PDFNumber.of(entry.top), PDFNull]));
    context.assign(refs[i]!, item);
  });
  const outline = context.obj({});
  outline.set(PDFName.of('Type'), PDFName.of('Outlines'));
  outline.set(PDFName.of('First'), refs[0]!);
  outline.set(PDFName.of('Last'), refs[refs.length - 1]!);
  outline.set(PDFName.of('Count'), PDFNumber.of(refs.length));
  context.assign(outlineRef, outline);
  doc.catalog.set(PDFName.of('Outlines'), outlineRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

export async function drawingToPdf(drawing: Drawing, fonts: FontBook): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkitForPdfLib as never);
  const { meta } = drawing;
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setLanguage(meta.language);
  doc.setCreationDate(meta.created);
  doc.setModificationDate(meta.created);
  doc.setCreator('Journeyboard');
  doc.setProducer('Journeyboard');

  const embedded = new Map<LoadedFace, Promise<PDFFont>>();
  const font = (face: LoadedFace) => {
    let f = embedded.get(face);
    if (!f) embedded.set(face, (f = doc.embedFont(face.ttf, { subset: true })));
    return f;
  };
  const outline: { title: string; page: PDFRef; top: number }[] = [];
  for (const sheet of drawing.pages) await paintPage(doc, sheet, { font, fonts, outline });
  addOutline(doc, outline);
  return doc.save();
}

async function paintPage(
  doc: PDFDocument,
  sheet: DrawingPage,
  { font, fonts, outline }: { font: Painter['font']; fonts: FontBook; outline: { title: string; page: PDFRef; top: number }[] },
) {
  const page = doc.addPage([sheet.width, sheet.height]);
  const painter: Painter = { page, height: sheet.height, font, fonts, fontKeys: new Map() };
  for (const item of sheet.items) await paintItem(painter, item);
  for (const b of sheet.bookmarks) outline.push({ title: b.title, page: page.ref, top: sheet.height - b.y });
}
