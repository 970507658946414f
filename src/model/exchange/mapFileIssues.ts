/**
 * zod issues as an import report: one `{ path, message }` per problem, the
 * path dotted (`cards.abc123.text`), the message saying what is wrong with
 * the value found there. zod's defaults ("Too big: expected string to have
 * <=5000 characters") are written for developers; a person looking at a
 * 6000-character card wants to read "too long: 6000 characters, at most 5000".
 */
import type { z } from 'zod';
import { pathString, type MapFileIssue } from './mapFileChecks';

type ZodIssue = z.core.$ZodIssue;

/** The value at `path` under `root`, or undefined (own properties only). */
function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return `a ${typeof value}`;
}

const lengthOf = (value: unknown): number | null =>
  typeof value === 'string' || Array.isArray(value) ? value.length : isRecordLike(value) ? Object.keys(value).length : null;
const isRecordLike = (v: unknown): v is object => typeof v === 'object' && v !== null;

/** What is wrong with `value`, given zod's issue about it. */
function describe(issue: ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? `missing (expected ${issue.expected})` : `expected ${issue.expected}, found ${typeName(value)}`;
    case 'too_big': {
      const n = lengthOf(value);
      if (issue.origin === 'string') return `too long: ${n ?? '?'} characters, at most ${issue.maximum}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `too many items: ${n ?? '?'}, at most ${issue.maximum}`;
      return `too large: ${String(value)}, at most ${issue.maximum}`;
    }
    case 'too_small': {
      if (issue.origin === 'string')
        return Number(issue.minimum) === 1 ? 'must not be empty' : `too short: at least ${issue.minimum} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') return `too few items: at least ${issue.minimum}`;
      return `too small: ${String(value)}, at least ${issue.minimum}`;
    }
    case 'invalid_key': {
      const key = issue.path[issue.path.length - 1];
      const why = issue.issues.map((inner) => describe(inner, key)).join('; ');
      return `invalid id ${JSON.stringify(String(key))}: ${why}`;
    }
    case 'invalid_union': {
      // One reason per alternative, e.g. an avatar that is neither a short emoji nor an image data URL.
      const reasons = issue.errors.map((branch) => (branch[0] ? describe(branch[0], valueAt(value, branch[0].path)) : issue.message));
      return [...new Set(reasons)].join('; or ') || issue.message;
    }
    default:
      return issue.message;
  }
}

/** zod's issues about `input` as report entries. */
export function zodIssues(issues: readonly ZodIssue[], input: unknown, prefix: readonly string[] = []): MapFileIssue[] {
  return issues.map((issue) => ({
    path: pathString([...prefix, ...issue.path]),
    message: describe(issue, issue.code === 'invalid_key' ? undefined : valueAt(input, issue.path)),
  }));
}

/** Drops repeats (the same problem found by zod and by our own checks) and caps the list, saying how many more there were. */
export function finishIssues(issues: readonly MapFileIssue[], max: number): MapFileIssue[] {
  const seen = new Set<string>();
  const unique = issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length <= max) return unique;
  return [...unique.slice(0, max), { path: '', message: `…and ${unique.length - max} more` }];
}
