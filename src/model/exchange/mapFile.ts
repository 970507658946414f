/**
 * The JSON map file: the open format as plain JSON (docs/FORMAT.md, "JSON
 * export and import"). It is a MapDocument, `schemaVersion` and all, plus an
 * optional `comments` key with the map's comment threads. The browser and the
 * server export with `mapFileFromDocs` and import with `parseMapFile`, so a
 * file is judged the same way wherever it is opened.
 *
 * Entity ids are kept: an imported map is a document of its own, so its ids
 * cannot collide with another map's, and a file that travels map -> JSON ->
 * import comes back with the same content (only the map's timestamps are the
 * importer's business).
 */
import * as Y from 'yjs';
import { z } from 'zod';
import { SERVER_ORIGIN, docToMapDocument } from '../doc';
import { UnsupportedVersionError, migrateMapJSON } from '../migrate';
import { IdSchema, MapDocumentSchema, type MapDocument } from '../schema';
import { commentsMap, parseComment, parseThread, threadsMap, type EntryMap } from '../comments/read';
import { CommentSchema, ThreadSchema, cardIdOf, type Comment, type Thread } from '../comments/schema';
import { entityCountIssues, forbiddenKeys, referenceIssues, type MapFileIssue } from './mapFileChecks';
import { finishIssues, zodIssues } from './mapFileIssues';
import { parseJsonText } from './mapFileJson';

export type { MapFileIssue } from './mapFileChecks';

/** Issues a report lists before it says "…and N more": enough to fix a file, small enough to show. */
export const MAP_FILE_MAX_ISSUES = 100;

/** Keyed by id like the map's collections, and each entry's `id` must equal its key. */
function keyedById<T extends z.ZodType<{ id: string }>>(entity: T) {
  return z.record(IdSchema, entity).superRefine((record, ctx) => {
    for (const [key, value] of Object.entries(record)) {
      if (value.id !== key)
        ctx.addIssue({ code: 'custom', path: [key, 'id'], message: `id "${value.id}" does not match its key "${key}"` });
    }
  });
}

/** The `comments` part of a map file: the comments document's two collections as JSON. */
export const MapFileCommentsSchema = z
  .object({
    threads: keyedById(ThreadSchema),
    comments: keyedById(CommentSchema),
  })
  .superRefine((part, ctx) => {
    // A comment outside any thread would never be shown; a card thread's card is checked against the map by parseMapFile.
    for (const [id, comment] of Object.entries(part.comments)) {
      if (!Object.hasOwn(part.threads, comment.threadId)) {
        ctx.addIssue({ code: 'custom', path: ['comments', id, 'threadId'], message: `unknown thread "${comment.threadId}"` });
      }
    }
  });
export type MapFileComments = z.infer<typeof MapFileCommentsSchema>;

export type MapFile = MapDocument & { comments?: MapFileComments };

/**
 * The comments a file carries: valid threads and comments only (as the app
 * shows them), and only threads about the map or a card the file holds, with
 * at least one comment. A thread about a deleted card would make the file
 * fail its own import.
 */
function commentsForFile(commentsDoc: Y.Doc, map: MapDocument): MapFileComments {
  const threads = new Map<string, Thread>();
  threadsMap(commentsDoc).forEach((entry, id) => {
    const thread = parseThread(id, entry);
    const cardId = thread && cardIdOf(thread.target);
    if (thread && (cardId === null || Object.hasOwn(map.cards, cardId))) threads.set(id, thread);
  });
  const comments = new Map<string, Comment>();
  commentsMap(commentsDoc).forEach((entry, id) => {
    const comment = parseComment(id, entry);
    if (comment && threads.has(comment.threadId)) comments.set(id, comment);
  });
  const used = new Set([...comments.values()].map((c) => c.threadId));
  // fromEntries defines own properties: an odd key written by some client cannot become a prototype.
  return {
    threads: Object.fromEntries([...threads].filter(([id]) => used.has(id))),
    comments: Object.fromEntries(comments),
  };
}

/** A map (and its comments, if given) as a map file; throws if the map has no valid meta (docToMapDocument). */
export function mapFileFromDocs(doc: Y.Doc, commentsDoc?: Y.Doc): MapFile {
  const map = docToMapDocument(doc);
  return commentsDoc ? { ...map, comments: commentsForFile(commentsDoc, map) } : map;
}

/** Fill an empty comments doc from a (validated) file's comments, in one transaction. */
export function loadMapFileComments(doc: Y.Doc, comments: MapFileComments, origin: unknown = SERVER_ORIGIN): void {
  const put = (parent: Y.Map<EntryMap>, { id, ...fields }: Thread | Comment) => {
    if (parent.has(id)) throw new Error(`entry ${id} already exists`);
    const entry: EntryMap = new Y.Map();
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) entry.set(key, value);
    parent.set(id, entry);
  };
  doc.transact(() => {
    for (const thread of Object.values(comments.threads)) put(threadsMap(doc), thread);
    for (const comment of Object.values(comments.comments)) put(commentsMap(doc), comment);
  }, origin);
}

export type ParseMapFileResult = { ok: true; map: MapDocument; comments?: MapFileComments } | { ok: false; issues: MapFileIssue[] };

export interface ParseMapFileOptions {
  /** issues listed before "…and N more" (default MAP_FILE_MAX_ISSUES) */
  maxIssues?: number;
}

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The top-level keys in the order a file has them: a report reads from the top, whichever check found what. */
const SECTIONS = ['', 'schemaVersion', 'meta', 'personas', 'stages', 'lanes', 'cards', 'comments'];
const sectionOf = (issue: MapFileIssue): number => {
  const rank = SECTIONS.indexOf(issue.path.split('.')[0]!);
  return rank < 0 ? SECTIONS.length : rank;
};
/** Stable: within a section, zod's findings first, then the reference checks'. */
const inFileOrder = (issues: MapFileIssue[]): MapFileIssue[] => [...issues].sort((a, b) => sectionOf(a) - sectionOf(b));

function versionIssue(err: UnsupportedVersionError): MapFileIssue {
  return {
    path: 'schemaVersion',
    message: err.version === undefined ? 'missing: this is not a Journeyboard map file' : err.message,
  };
}

/**
 * Reads a map file: JSON text (a string is parsed) or an already parsed
 * value. Never throws on bad input; either the map (migrated to the current
 * schemaVersion, validated) and its comments, or every problem found, by
 * path. Cheap refusals come first and stop the reading: text nested deeper
 * than MAX_JSON_DEPTH (before JSON.parse), keys that could reach
 * Object.prototype (before anything else looks at the tree), more entities
 * than MAP_LIMITS or COMMENTS_LIMITS allow (before zod validates each).
 */
export function parseMapFile(input: unknown, opts: ParseMapFileOptions = {}): ParseMapFileResult {
  const fail = (issues: MapFileIssue[]): ParseMapFileResult => ({
    ok: false,
    issues: finishIssues(issues, opts.maxIssues ?? MAP_FILE_MAX_ISSUES),
  });
  let tree = input;
  if (typeof input === 'string') {
    const parsed = parseJsonText(input);
    if (!parsed.ok) return fail([parsed.issue]);
    tree = parsed.value;
  }
  const forbidden = forbiddenKeys(tree);
  if (forbidden.length > 0) return fail(forbidden);

  let migrated: unknown;
  try {
    migrated = migrateMapJSON(tree);
  } catch (err) {
    if (err instanceof UnsupportedVersionError) return fail([versionIssue(err)]);
    throw err;
  }

  // Counted before zod looks at a single entity: a file past the limits is refused for the price of counting its keys.
  const overLimits = entityCountIssues(migrated);
  if (overLimits.length > 0) return fail(overLimits);

  const issues: MapFileIssue[] = [];
  const file = isRecord(migrated) ? migrated : null;
  const comments = file?.comments;
  // The map part is validated without `comments` (MapDocumentSchema would drop it anyway).
  const mapInput = file ? Object.fromEntries(Object.entries(file).filter(([key]) => key !== 'comments')) : migrated;
  const map = MapDocumentSchema.safeParse(mapInput);
  if (!map.success) issues.push(...zodIssues(map.error.issues, mapInput));
  let commentsPart: MapFileComments | undefined;
  if (comments !== undefined) {
    const parsed = MapFileCommentsSchema.safeParse(comments);
    if (parsed.success) commentsPart = parsed.data;
    else issues.push(...zodIssues(parsed.error.issues, comments, ['comments']));
  }
  // Also when zod found nothing: its own reference check trusts inherited properties (a lane id "constructor").
  issues.push(...referenceIssues(migrated));
  if (!map.success || issues.length > 0) return fail(inFileOrder(issues));
  return commentsPart ? { ok: true, map: map.data, comments: commentsPart } : { ok: true, map: map.data };
}
