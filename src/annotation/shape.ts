/**
 * Shape errors: the schema's complaints (zod issues) turned into our error
 * codes, with positions and messages that say how to fix them.
 */
import { z } from 'zod';
import { annotationSchema, PRINTABLE } from './schema.js';
import { closest, codePoint, describe, describePath, fieldName, valueAt, type Locator, type Path, type Reporter } from './report.js';
import { slugify } from './slug.js';

const FIELD_HINTS: Record<string, string> = {
  speaker: 'use the id of an actor declared under `actors:`',
  claimant: 'use the id of an actor declared under `actors:`, or `article`',
  aliases: 'write a list, e.g. `aliases: [Wang]`',
  tags: 'write a list, e.g. `tags: [ukraine, china]`',
  cloze: 'write a list of words from the quote, e.g. `cloze: [peace talks]`',
  accept: 'write a list of other right answers, e.g. `accept: [leverage in trade talks]`',
  disputed_by: 'write a list of actor ids, e.g. `disputed_by: [china]`',
  actors: 'write a list',
  skip: 'write a list of template ids, e.g. `skip: [actor-reverse]`',
};

export function reportIssue(report: Reporter, locate: Locator, raw: unknown, issue: z.core.$ZodIssue): void {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const field = fieldName(path);
  const value = valueAt(raw, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) {
        const known = knownKeysAt(path);
        const suggestion = closest(key, known);
        report.atNode(
          'unknown-key',
          locate.key(path, key),
          `unknown key '${key}' in ${describePath(path)}` + (suggestion ? `; did you mean '${suggestion}'?` : ''),
          { hint: `the keys allowed here are: ${known.join(', ')}` },
        );
      }
      return;
    case 'invalid_type': {
      if (value === undefined) {
        reportMissing(report, locate, path, field);
        return;
      }
      const expected = issue.expected === 'array' ? 'a list' : issue.expected === 'object' ? 'a mapping (key: value lines)' : 'text';
      report.atNode('wrong-type', locate.node(path), `'${field}' should be ${expected}, but it is ${describe(value)}`, {
        hint: FIELD_HINTS[field] ?? (issue.expected === 'string' ? 'write the value on the same line as its key' : `write ${expected}`),
      });
      return;
    }
    case 'too_small':
      if (typeof value === 'string') {
        report.atNode('empty-value', locate.node(path), `'${field}' is empty`, { hint: 'give it a value, or remove the key' });
      } else {
        report.atNode('empty-value', locate.node(path), `'${field}' is an empty list`, { hint: 'add entries, or remove the key' });
      }
      return;
    case 'too_big':
      report.atNode('invalid-value', locate.node(path), `'${field}' is ${String(value).length} characters long; at most ${String(issue.maximum)} are allowed`, {
        hint: 'an actor is named in a few words; put what describes it in `role` or `note`',
      });
      return;
    case 'invalid_format':
      if ('pattern' in issue && issue.pattern === String(PRINTABLE)) {
        const characters = [...String(value)];
        const at = characters.findIndex((ch) => !PRINTABLE.test(ch));
        report.atNode('invalid-value', locate.node(path), `'${field}' contains the control character ${codePoint(characters[at] ?? '')} (character ${at + 1})`, {
          hint: 'remove it: control characters could change a terminal or break an Anki field (a YAML "\\e" or "\\x1b" writes one)',
        });
        return;
      }
      reportFormat(report, locate, path, field, String(value));
      return;
    case 'invalid_value': {
      // zod 4 reports an absent literal or enum (format, kind, stance) as invalid_value, not invalid_type.
      if (value === undefined) {
        reportMissing(report, locate, path, field);
        return;
      }
      if (path.length === 1 && path[0] === 'format') {
        report.atNode('unsupported-format', locate.node(path), `format '${String(value)}' is not supported; this tool reads format 1`, {
          hint: 'write `format: 1`, or use a newer newsdeck for a newer format',
        });
        return;
      }
      const allowed = issue.values.map(String);
      const suggestion = closest(String(value), allowed);
      report.atNode(
        'invalid-value',
        locate.node(path),
        `'${field}' is '${String(value)}', which is not allowed` + (suggestion ? `; did you mean '${suggestion}'?` : ''),
        { hint: `use one of: ${allowed.join(', ')}` },
      );
      return;
    }
    default:
      report.atNode('wrong-type', locate.node(path), `'${field}' is not valid: ${issue.message}`);
  }
}

function reportMissing(report: Reporter, locate: Locator, path: Path, field: string): void {
  report.atNode('missing-key', locate.node(path), `${describePath(path.slice(0, -1))} has no '${field}'`, {
    hint: `add '${field}:' with a value${requiredHint(field)}`,
  });
}

function reportFormat(report: Reporter, locate: Locator, path: Path, field: string, value: string): void {
  const node = locate.node(path);
  if (field === 'published') {
    report.atNode('invalid-value', node, `'published' is '${value}', which is not a date`, { hint: 'write the date as YYYY-MM-DD, e.g. 2025-02-20' });
  } else if (field === 'url') {
    report.atNode('invalid-value', node, `'url' is '${value}', which is not a web address`, { hint: 'write the full address, starting with https://' });
  } else if (field === 'tags' || path.includes('tags')) {
    report.atNode('invalid-value', node, `tag '${value}' contains white space, which Anki would split into several tags`, {
      hint: 'join the words with - (e.g. global-south), or use :: for a hierarchy',
    });
  } else {
    const slug = slugify(value);
    report.atNode('invalid-id', node, `'${value}' is not a valid id: ids are lowercase letters, digits and hyphens`, {
      hint: slug === '' ? 'use an id such as wang-yi' : `write '${slug}'`,
    });
  }
}

function requiredHint(field: string): string {
  if (field === 'kind') return ' (person, organization, country or group)';
  if (field === 'stance') return ' (assertion, accusation, denial, prediction or assessment)';
  if (field === 'format') return ' (format: 1)';
  return '';
}

/** The keys the schema allows at a path (for "did you mean"). */
function knownKeysAt(path: Path): string[] {
  let schema: z.ZodType = annotationSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (typeof segment === 'number' && schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (typeof segment === 'string' && schema instanceof z.ZodObject) {
      const next = (schema.shape as Record<string, z.ZodType>)[segment];
      if (next === undefined) return [];
      schema = next;
    } else return [];
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
}
