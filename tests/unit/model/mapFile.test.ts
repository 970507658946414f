/**
 * The JSON map file: every template survives map -> JSON -> import, older
 * files are migrated, and anything else is refused with every problem named
 * by path, without throwing and without touching Object.prototype.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  MapDocumentSchema,
  TEMPLATE_IDS,
  LOCALES,
  buildTemplate,
  docFromMapDocument,
  docToMapDocument,
  loadMapDocument,
  type MapDocument,
} from '../../../src/model';
import { cardTarget, readComments, reply, resolveThread, startThread } from '../../../src/model/comments';
import {
  MAP_FILE_MAX_ISSUES,
  MapFileCommentsSchema,
  loadMapFileComments,
  mapFileFromDocs,
  parseMapFile,
  type MapFile,
  type MapFileIssue,
  type ParseMapFileResult,
} from '../../../src/model/exchange/mapFile';
import { MAP_LIMITS } from '../../../src/model/schema';
import { COMMENTS_LIMITS } from '../../../src/model/comments/schema';
import { MAX_JSON_DEPTH } from '../../../src/model/exchange/jsonDepth';
import { prng } from '../../fixtures/model';
import { smallMapFile, v1MapFile } from '../../fixtures/mapFile';

const NOW = 1_700_000_000_000;

/** Everything but the map's timestamps, which an import sets to its own time. */
function content(map: MapDocument) {
  const { createdAt: _c, updatedAt: _u, ...meta } = map.meta;
  return { ...map, meta };
}

const issuesOf = (r: ParseMapFileResult): MapFileIssue[] => {
  if (r.ok) throw new Error('expected the file to be refused');
  return r.issues;
};
const pathsOf = (r: ParseMapFileResult) => issuesOf(r).map((i) => i.path);
const mapOf = (r: ParseMapFileResult) => {
  if (!r.ok) throw new Error(`expected a valid file: ${JSON.stringify(r.issues)}`);
  return r;
};
type Entity = Record<string, unknown>;
interface Mutable {
  [key: string]: unknown;
  meta: Entity;
  personas: Record<string, Entity>;
  stages: Record<string, Entity>;
  lanes: Record<string, Entity>;
  cards: Record<string, Entity>;
  comments: { threads: Record<string, Entity>; comments: Record<string, Entity> };
}
/** A file to break: plain JSON, so any field can be set to anything. */
const editable = (): Mutable => JSON.parse(JSON.stringify(smallMapFile())) as Mutable;

/** Object.prototype must come out of every test untouched. */
function assertNoPollution() {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(probe.isAdmin).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
}
afterEach(assertNoPollution);

describe('round trip: map -> JSON -> import', () => {
  for (const template of TEMPLATE_IDS) {
    for (const locale of LOCALES) {
      it(`keeps the ${template} template (${locale}) identical`, () => {
        const source = new Y.Doc();
        loadMapDocument(source, buildTemplate(template, { locale, now: NOW }));
        const text = JSON.stringify(mapFileFromDocs(source));
        const result = mapOf(parseMapFile(text));
        expect(result.comments).toBeUndefined();
        const imported = docFromMapDocument(result.map);
        expect(content(docToMapDocument(imported))).toEqual(content(docToMapDocument(source)));
        // ids are kept, and so is the file's own order of entities
        expect(JSON.stringify(mapFileFromDocs(imported))).toBe(text);
      });
    }
  }

  it('keeps every field a card, a persona and the meta can have, and the comments', () => {
    const file = smallMapFile();
    const result = mapOf(parseMapFile(JSON.stringify(file)));
    const { comments, ...map } = file;
    expect(result.map).toEqual(map);
    expect(result.comments).toEqual(comments);

    const doc = docFromMapDocument(result.map);
    const commentsDoc = new Y.Doc();
    loadMapFileComments(commentsDoc, result.comments!);
    expect(mapFileFromDocs(doc, commentsDoc)).toEqual(file);
  });

  it('exports the comments the app shows: not those of deleted cards, orphans or empty threads', () => {
    const source = new Y.Doc();
    loadMapDocument(source, buildTemplate('backpack', { locale: 'zh-CN', now: NOW }));
    const map = docToMapDocument(source);
    const [card] = Object.values(map.cards);
    const comments = new Y.Doc();
    const alice = { id: 'alice', name: '爱丽丝', color: '#e5484d' };
    const onCard = startThread(comments, cardTarget(card!.id), alice, '这里要改')!;
    reply(comments, onCard.threadId, { id: 'bob', name: 'Bob', color: '#30a46c' }, '好的');
    const onMap = startThread(comments, 'map', alice, 'Looks good')!;
    resolveThread(comments, onMap.threadId, 'alice');
    startThread(comments, cardTarget('deletedCard'), alice, 'about a card that is gone');
    comments.transact(() => {
      const orphan = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({
        threadId: 'noThread',
        authorId: 'x',
        authorName: 'X',
        authorColor: '#000000',
        text: 'lost',
        createdAt: 1,
        mentions: [],
      }))
        orphan.set(k, v);
      comments.getMap('comments').set('orphan', orphan);
      const empty = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ target: 'map', createdAt: 1, createdBy: 'x', resolved: false })) empty.set(k, v);
      comments.getMap('threads').set('emptyThread', empty);
    });

    const file = mapFileFromDocs(source, comments);
    expect(Object.keys(file.comments!.threads).sort()).toEqual([onCard.threadId, onMap.threadId].sort());
    expect(Object.keys(file.comments!.comments)).toHaveLength(3);

    const result = mapOf(parseMapFile(JSON.stringify(file)));
    const again = new Y.Doc();
    loadMapFileComments(again, result.comments!);
    const shown = (doc: Y.Doc) => readComments(doc).threads.map(({ lastActivity: _l, ...t }) => t);
    // The app shows a thread about a deleted card; the file leaves it out, as its import would refuse it.
    expect(shown(again)).toEqual(shown(comments).filter((t) => t.target !== cardTarget('deletedCard')));
  });
});

describe('older files', () => {
  it('migrates a version 1 file to the current version', () => {
    const result = mapOf(parseMapFile(JSON.stringify(v1MapFile())));
    expect(result.map.schemaVersion).toBe(4);
    expect(result.map.meta).toMatchObject({ schemaVersion: 4, title: 'Old trip', votesPerParticipant: 5 });
    expect(result.map.personas.mia!.segment).toBe('');
    expect(result.map.cards.c1).toMatchObject({ text: 'Search', personaId: 'mia', votes: { alice: 2 } });
    expect(Object.keys(result.map.cards)).toEqual(['c1', 'c2']);
  });

  it('migrates a version 2 file (card text was a plain string in the doc; the file form is the same)', () => {
    const file = smallMapFile();
    const v2 = { ...file, schemaVersion: 2, meta: { ...file.meta, schemaVersion: 2 } };
    const result = mapOf(parseMapFile(JSON.stringify(v2)));
    expect(result.map.schemaVersion).toBe(4);
    expect(result.map.meta.schemaVersion).toBe(4);
    expect(result.map.cards).toEqual(file.cards);
  });

  it('refuses a version it does not know, and a file without one', () => {
    expect(issuesOf(parseMapFile({ ...editable(), schemaVersion: 5 }))).toEqual([
      { path: 'schemaVersion', message: expect.stringMatching(/newer Journeyboard/) },
    ]);
    const { schemaVersion: _v, ...noVersion } = editable();
    expect(issuesOf(parseMapFile(noVersion))).toEqual([
      { path: 'schemaVersion', message: expect.stringMatching(/not a Journeyboard map file/) },
    ]);
    expect(pathsOf(parseMapFile({ ...editable(), schemaVersion: '2' }))).toEqual(['schemaVersion']);
  });
});

describe('invalid files: every problem, by path', () => {
  it('names wrong types', () => {
    const file = editable();
    file.stages.s1!.color = 5;
    file.cards.c1!.emotion = 'high';
    file.meta.title = 42;
    file.personas.p1!.goals = 'one goal';
    expect(issuesOf(parseMapFile(file))).toEqual([
      { path: 'meta.title', message: 'expected string, found a number' },
      { path: 'personas.p1.goals', message: 'expected array, found a string' },
      { path: 'stages.s1.color', message: 'expected string, found a number' },
      { path: 'cards.c1.emotion', message: 'expected number, found a string' },
    ]);
  });

  it('names missing ids and ids that differ from their key', () => {
    const file = editable();
    delete file.cards.c1!.id;
    delete file.lanes.l1!.name;
    file.stages.s2!.id = 'other';
    expect(issuesOf(parseMapFile(file))).toEqual([
      { path: 'stages.s2.id', message: 'id "other" does not match its key "s2"' },
      { path: 'lanes.l1.name', message: 'missing (expected string)' },
      { path: 'cards.c1.id', message: 'missing (expected string)' },
    ]);
  });

  it('lists dangling lane, stage and persona references together with every other error', () => {
    const file = editable();
    file.cards.c1!.laneId = 'ghost';
    file.cards.c2!.stageId = 'nowhere';
    file.cards.c2!.personaId = 'nobody';
    file.stages.s2!.color = 'red'; // zod skips its own reference check when anything else is wrong
    file.meta.personaId = 'gone';
    expect(issuesOf(parseMapFile(file))).toEqual([
      { path: 'meta.personaId', message: 'unknown persona "gone"' },
      { path: 'stages.s2.color', message: 'colour must be #rrggbb' },
      { path: 'cards.c1.laneId', message: 'unknown lane "ghost"' },
      { path: 'cards.c2.stageId', message: 'unknown stage "nowhere"' },
      { path: 'cards.c2.personaId', message: 'unknown persona "nobody"' },
    ]);
  });

  it('does not take what every object inherits for an entity (a lane id "constructor")', () => {
    const file = editable();
    file.cards.c1!.laneId = 'toString';
    file.cards.c2!.stageId = 'constructor';
    file.meta.personaId = 'hasOwnProperty';
    expect(issuesOf(parseMapFile(file))).toEqual([
      { path: 'meta.personaId', message: 'unknown persona "hasOwnProperty"' },
      // Ids may never be the names of an object's own machinery (schema.ts RESERVED_KEYS).
      { path: 'cards.c2.stageId', message: 'this id is a reserved name' },
      { path: 'cards.c1.laneId', message: 'unknown lane "toString"' },
      { path: 'cards.c2.stageId', message: 'unknown stage "constructor"' },
    ]);
  });

  it('reports the same problem once when zod and the reference check both see it', () => {
    const file = editable();
    file.cards.c1!.laneId = 'ghost';
    file.stages.s1!.id = 'other';
    expect(issuesOf(parseMapFile(file))).toEqual([
      { path: 'stages.s1.id', message: 'id "other" does not match its key "s1"' },
      { path: 'cards.c1.laneId', message: 'unknown lane "ghost"' },
    ]);
  });

  it('says how long a huge string is and how long it may be', () => {
    const file = editable();
    file.cards.c1!.text = '长'.repeat(6000);
    file.personas.p1!.goals = Array.from({ length: 51 }, () => 'goal');
    expect(issuesOf(parseMapFile(JSON.stringify(file)))).toEqual([
      { path: 'personas.p1.goals', message: 'too many items: 51, at most 50' },
      { path: 'cards.c1.text', message: 'too long: 6000 characters, at most 5000' },
    ]);
  });

  it('names bad record keys and bad comments', () => {
    const file = editable();
    file.cards['bad key!'] = { ...file.cards.c2!, id: 'bad key!' };
    file.comments.comments.k3!.threadId = 'ghostThread';
    file.comments.comments.k2!.authorColor = 'pink';
    file.comments.threads.t1!.target = 'card:gone';
    expect(issuesOf(parseMapFile(file))).toEqual([
      { path: 'cards.bad key!', message: 'invalid id "bad key!": id may only contain A-Z a-z 0-9 _ -' },
      { path: 'comments.comments.k2.authorColor', message: 'colour must be #rrggbb' },
      { path: 'comments.comments.k3.threadId', message: 'unknown thread "ghostThread"' },
      { path: 'comments.threads.t1.target', message: 'unknown card "gone"' },
    ]);
    expect(pathsOf(parseMapFile({ ...editable(), comments: [] }))).toEqual(['comments']);
    expect(pathsOf(parseMapFile({ ...editable(), comments: { threads: {} } }))).toEqual(['comments.comments']);
  });

  it('refuses text that is not JSON, saying where', () => {
    expect(issuesOf(parseMapFile('hello'))).toEqual([{ path: '', message: 'not valid JSON: unexpected "h" at line 1, column 1' }]);
    const broken = JSON.stringify(smallMapFile(), null, 2).replace('"认知"', '"认知",');
    const [issue] = issuesOf(parseMapFile(broken));
    const line = broken.split('\n').findIndex((l) => l.includes('"认知",')) + 1;
    expect(issue).toEqual({
      path: '',
      message: expect.stringMatching(new RegExp(`^not valid JSON: unexpected ".*" at line ${line}, column \\d+$`)),
    });
    expect(issuesOf(parseMapFile(JSON.stringify(smallMapFile()).slice(0, 100)))[0]!.message).toMatch(
      /ends too early at line 1, column 101/,
    );
    expect(issuesOf(parseMapFile(''))).toEqual([{ path: '', message: 'not valid JSON: the file is empty' }]);
  });

  it('refuses an array, null and other values that are not a map', () => {
    for (const input of ['[]', [], 'null', null, '42', 'true', '"map"']) {
      expect(issuesOf(parseMapFile(input))).toEqual([{ path: '', message: expect.stringMatching(/^expected object, found /) }]);
    }
    expect(issuesOf(parseMapFile('[]'))[0]!.message).toBe('expected object, found an array');
    expect(issuesOf(parseMapFile(null))[0]!.message).toBe('expected object, found null');
  });

  it('accepts a file saved with a byte order mark', () => {
    expect(parseMapFile('\uFEFF' + JSON.stringify(smallMapFile())).ok).toBe(true);
  });

  it('caps the list, saying how many more there were', () => {
    const file = editable();
    for (let i = 0; i < 150; i++) {
      const id = `c${i + 10}`;
      file.cards[id] = { id, order: 'a0', laneId: 'l1', stageId: 's1', text: 'x', emotion: 99 };
    }
    const issues = issuesOf(parseMapFile(file));
    expect(issues).toHaveLength(MAP_FILE_MAX_ISSUES + 1);
    expect(issues.at(-1)).toEqual({ path: '', message: '…and 50 more' });
    expect(issuesOf(parseMapFile(file, { maxIssues: 3 })).at(-1)).toEqual({ path: '', message: '…and 147 more' });
  });
});

describe('prototype pollution', () => {
  const withKey = (where: string, key: string) => {
    const text = JSON.stringify(smallMapFile());
    const payload = `"${key}":{"polluted":true,"isAdmin":true},`;
    switch (where) {
      case 'top':
        return text.replace(/^\{/, `{${payload}`);
      case 'collection':
        return text.replace('"cards":{', `"cards":{${payload}`);
      default:
        return text.replace('"c1":{', `"c1":{${payload}`);
    }
  };

  for (const key of ['__proto__', 'constructor', 'prototype']) {
    it(`refuses "${key}" at the top, in a collection and inside an entity, as text and as parsed JSON`, () => {
      for (const [where, path] of [
        ['top', key],
        ['collection', `cards.${key}`],
        ['entity', `cards.c1.${key}`],
      ] as const) {
        const text = withKey(where, key);
        expect(issuesOf(parseMapFile(text))).toEqual([{ path, message: `the key "${key}" is not allowed` }]);
        // JSON.parse keeps `__proto__` as an own key: still seen.
        expect(issuesOf(parseMapFile(JSON.parse(text)))).toEqual([{ path, message: `the key "${key}" is not allowed` }]);
      }
    });
  }

  it('refuses an object whose prototype was set by assignment (the key is gone, the prototype is not)', () => {
    const file = editable();
    const cards: Record<string, unknown> = {};
    for (const [id, card] of Object.entries(file.cards)) cards[id] = card;
    cards['__proto__'] = { polluted: true }; // what a naive copy of parsed JSON does
    file.cards = cards as Mutable['cards'];
    expect(Object.keys(file.cards)).not.toContain('__proto__');
    expect(issuesOf(parseMapFile(file))).toEqual([{ path: 'cards', message: 'not a plain JSON object (its prototype was changed)' }]);
  });

  it('finds the keys in arrays and deep inside', () => {
    const text = JSON.stringify(smallMapFile()).replace('"mentions":[{', '"mentions":[{"__proto__":{"polluted":1},');
    expect(pathsOf(parseMapFile(text))).toEqual(['comments.comments.k1.mentions.0.__proto__']);
  });

  it('survives nesting far deeper than any map', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const bad = JSON.stringify({ ...smallMapFile(), extra: '' }).replace('"extra":""', `"extra":${deep}`);
    // As text it is refused unparsed (see "nesting"); a tree someone already parsed is walked without recursion.
    expect(() => parseMapFile(bad)).not.toThrow();
    expect(() => parseMapFile(bad.slice(0, -100))).not.toThrow();
    expect(() => parseMapFile(JSON.parse(bad))).not.toThrow();
  });
});

describe('nesting', () => {
  const tooDeep = { path: '', message: `nested deeper than ${MAX_JSON_DEPTH} levels` };

  it('refuses text nested deeper than the limit before parsing it, wherever the nesting is', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(issuesOf(parseMapFile(deep(200_000)))).toEqual([tooDeep]);
    expect(issuesOf(parseMapFile(deep(MAX_JSON_DEPTH + 1)))).toEqual([tooDeep]);
    // Unbalanced, cut off, or not JSON at all: the depth is known before the syntax is looked at.
    expect(issuesOf(parseMapFile('{"a":' + '['.repeat(1_000_000)))).toEqual([tooDeep]);
    const inside = JSON.stringify({ ...smallMapFile(), extra: '' }).replace('"extra":""', `"extra":${deep(MAX_JSON_DEPTH)}`);
    expect(issuesOf(parseMapFile(inside))).toEqual([tooDeep]);
  });

  it('reads a file at the limit, and brackets inside its text are not nesting', () => {
    const file = editable();
    file.cards.c1!.text = '[[[[{{{{'.repeat(100) + '\\"]]]';
    const text = JSON.stringify(file);
    expect(mapOf(parseMapFile(text)).map.cards.c1!.text).toBe(file.cards.c1!.text);
    // An unknown key nested to exactly the limit is still only dropped, as any unknown key is.
    const atLimit = '['.repeat(MAX_JSON_DEPTH - 1) + ']'.repeat(MAX_JSON_DEPTH - 1);
    expect(parseMapFile(text.replace(/^\{/, `{"extra":${atLimit},`)).ok).toBe(true);
  });
});

describe('entity limits', () => {
  const stage = (id: string) => ({ id, order: 'a0', name: id, description: '', color: '#4f7cff' });
  const card = (id: string) => ({ id, order: 'a0', laneId: 'l1', stageId: 's1', text: id });

  it('reads a map with as many entities as it may hold', () => {
    const file = editable();
    for (let i = 2; i < MAP_LIMITS.stages; i++) file.stages[`s${i + 1}`] = stage(`s${i + 1}`);
    for (let i = 2; i < MAP_LIMITS.cards; i++) file.cards[`c${i + 1}`] = card(`c${i + 1}`);
    const { map } = mapOf(parseMapFile(JSON.stringify(file)));
    expect(Object.keys(map.stages)).toHaveLength(MAP_LIMITS.stages);
    expect(Object.keys(map.cards)).toHaveLength(MAP_LIMITS.cards);
  });

  it('refuses a collection past its limit with one issue, before validating any entity', () => {
    const file = editable();
    for (let i = 0; i < 12_000; i++) file.cards[`x${i}`] = { id: `x${i}`, text: 42 }; // every one invalid
    file.stages.s3 = { id: 'wrong' };
    for (let i = 0; i < MAP_LIMITS.stages; i++) file.stages[`t${i}`] = stage(`t${i}`);
    expect(issuesOf(parseMapFile(JSON.stringify(file)))).toEqual([
      { path: 'stages', message: `${MAP_LIMITS.stages + 3} stages, at most ${MAP_LIMITS.stages}` },
      { path: 'cards', message: `12002 cards, at most ${MAP_LIMITS.cards}` },
    ]);
  });

  it('counts every kind: personas, lanes', () => {
    const file = editable();
    for (let i = 0; i < MAP_LIMITS.personas; i++) file.personas[`q${i}`] = { ...file.personas.p1!, id: `q${i}` };
    for (let i = 0; i < MAP_LIMITS.lanes; i++) file.lanes[`m${i}`] = { ...file.lanes.l1!, id: `m${i}` };
    expect(issuesOf(parseMapFile(file))).toEqual([
      { path: 'personas', message: `${MAP_LIMITS.personas + 1} personas, at most ${MAP_LIMITS.personas}` },
      { path: 'lanes', message: `${MAP_LIMITS.lanes + 2} lanes, at most ${MAP_LIMITS.lanes}` },
    ]);
  });

  it('refuses more threads or comments than a map may carry', () => {
    const file = editable();
    const thread = file.comments.threads.t2!;
    const comment = file.comments.comments.k3!;
    for (let i = 0; i < COMMENTS_LIMITS.threads; i++) file.comments.threads[`u${i}`] = { ...thread, id: `u${i}` };
    for (let i = 0; i < COMMENTS_LIMITS.comments; i++) file.comments.comments[`j${i}`] = { ...comment, id: `j${i}` };
    expect(issuesOf(parseMapFile(file))).toEqual([
      { path: 'comments.threads', message: `${COMMENTS_LIMITS.threads + 2} threads, at most ${COMMENTS_LIMITS.threads}` },
      { path: 'comments.comments', message: `${COMMENTS_LIMITS.comments + 3} comments, at most ${COMMENTS_LIMITS.comments}` },
    ]);
  });
});

describe('fuzzing', () => {
  const ODD_KEYS = ['__proto__', 'constructor', 'prototype', '', 'toString', 'a b', 'id', 'laneId', '😀', 'x'.repeat(70)];
  const ODD_VALUES: unknown[] = [
    null,
    0,
    -1,
    1.5,
    1e21,
    '',
    'x',
    'card:nope',
    '#zzzzzz',
    true,
    [],
    {},
    [1, 'a'],
    { id: 'x' },
    'x'.repeat(6000),
  ];

  /** Every [parent, key] in the tree, so a mutation can hit any level. */
  function slots(root: unknown): [Record<string, unknown> | unknown[], string | number][] {
    const out: [Record<string, unknown> | unknown[], string | number][] = [];
    const stack: unknown[] = [root];
    while (stack.length) {
      const value = stack.pop();
      if (Array.isArray(value)) value.forEach((v, i) => (out.push([value, i]), stack.push(v)));
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) {
          out.push([value as Record<string, unknown>, k]);
          stack.push(v);
        }
    }
    return out;
  }

  function mutate(file: unknown, rand: () => number): string {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const [parent, key] = pick(slots(file));
    const target = parent as Record<string | number, unknown>;
    switch (Math.floor(rand() * 5)) {
      case 0:
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete target[key];
        return `delete ${key}`;
      case 1:
        target[key] = structuredClone(pick(ODD_VALUES));
        return `retype ${key}`;
      case 2: {
        const holder = typeof target[key] === 'object' && target[key] !== null ? (target[key] as object) : parent;
        const odd = pick(ODD_KEYS);
        // defineProperty: an own `__proto__`, as JSON.parse would make it
        Object.defineProperty(holder, odd, {
          value: structuredClone(pick(ODD_VALUES)),
          enumerable: true,
          configurable: true,
          writable: true,
        });
        return `insert ${odd}`;
      }
      case 3: {
        const v = target[key];
        target[key] = typeof v === 'string' ? v.slice(0, Math.floor(rand() * v.length)) : String(v).slice(0, 3);
        return `truncate ${key}`;
      }
      default:
        return 'none';
    }
  }

  it('never throws: valid files pass the schema, the rest come with issues', () => {
    const rand = prng(20240611);
    const bases: unknown[] = [
      smallMapFile(),
      mapFileFromDocs(docFromMapDocument(buildTemplate('b2b', { locale: 'zh-CN', now: NOW }))),
      v1MapFile(),
    ];
    let refused = 0;
    for (let run = 0; run < 400; run++) {
      const file = structuredClone(bases[run % bases.length]);
      const steps = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => mutate(file, rand));
      let text = JSON.stringify(file);
      if (rand() < 0.15) text = text.slice(0, Math.floor(rand() * text.length));
      for (const input of [file, text]) {
        let result: ParseMapFileResult;
        try {
          result = parseMapFile(input);
        } catch (err) {
          throw new Error(`run ${run} (${steps.join(', ')}) threw: ${String(err)}`);
        }
        if (result.ok) {
          expect(MapDocumentSchema.safeParse(result.map).success).toBe(true);
          if (result.comments) expect(MapFileCommentsSchema.safeParse(result.comments).success).toBe(true);
        } else {
          refused++;
          expect(result.issues.length).toBeGreaterThan(0);
          expect(result.issues.length).toBeLessThanOrEqual(MAP_FILE_MAX_ISSUES + 1);
          for (const issue of result.issues) {
            expect(typeof issue.path).toBe('string');
            expect(typeof issue.message).toBe('string');
            expect(issue.message.length).toBeGreaterThan(0);
          }
        }
      }
      assertNoPollution();
    }
    expect(refused).toBeGreaterThan(200); // the mutations do break files
  });
});

describe('types', () => {
  it('a MapFile is a MapDocument with optional comments', () => {
    const file: MapFile = smallMapFile();
    expect(MapDocumentSchema.safeParse(file).success).toBe(true);
  });
});
