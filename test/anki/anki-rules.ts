/**
 * The rules of today's Anki importer (rslib, Anki 24.11+, anki-format.md parts
 * 2 and 3) that a package's content can break, checked the way
 * ../shared/tools/anki-check/modern_rules.py checks them, for tests that cannot
 * run that tool (CI has no ../shared): what would make the import abort or
 * import something broken, and what the importer would silently rewrite.
 * Knows nothing of the writer: it reads the package as Anki does.
 */
import { openPackage } from './read-package.js';
import { clozeNumbers } from './read-package.js';

/** Markup as Anki (2.1.16's sound.py, latex.py, template.py; today's rslib) finds it in stored or rendered HTML. */
export const LIVE_ANKI_MARKUP: [string, RegExp][] = [
  ['sound', /\[sound:/i],
  ['play tag', /\[anki:play:/i],
  ['latex', /\[latex\]/i],
  ['$ latex', /\[\$\]/],
  ['$$ latex', /\[\$\$\]/],
  ['type answer', /\[\[type:/i],
  ['template', /\{\{(?!c1::)/],
  ['mathjax (cloze parser)', /\\[([]/],
];

/** rslib's `is_whitespace` set used when deck name components are trimmed (decks/name.rs). */
const RUST_WS = /[\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
// eslint-disable-next-line no-control-regex
const ASCII_CONTROL = /[\u0000-\u001f\u007f]/g;
/** A field Anki takes as empty (template.rs: white space, <br> and <div> only). */
const EMPTY_FIELD = /^(?:[ \t\n\u000b\u000c\r]|<\/?(?:br|div) ?\/?>)*$/i;

/** Deck name as the importer stores it (decks/name.rs normalize_native_name). */
function importedDeckName(name: string): string {
  return name
    .split('::')
    .map((part) => {
      let t = part.normalize('NFC').replace(ASCII_CONTROL, '');
      while (t !== '' && (RUST_WS.test(t[0]!) || t[0] === ':')) t = t.slice(1);
      while (t !== '' && (RUST_WS.test(t.at(-1)!) || t.at(-1) === ':')) t = t.slice(0, -1);
      return t === '' ? 'blank' : t;
    })
    .join('::');
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

interface Model {
  id: number;
  type: number;
  flds: { name: string }[];
  tmpls: unknown[];
}

/**
 * Every way the package breaks the importer's rules, one line each; empty when
 * a current Anki imports it as written.
 */
export async function ankiRuleViolations(apkg: Uint8Array): Promise<string[]> {
  const problems: string[] = [];
  const pkg = await openPackage(apkg);
  try {
    const models = new Map(Object.values(pkg.colJson('models')).map((m) => [(m as Model).id, m as Model]));
    const decks = Object.values(pkg.colJson('decks')) as { id: number; name: string }[];
    const deckIds = new Set(decks.map((d) => d.id));
    const seenNames = new Map<string, string>();
    for (const { id, name } of decks) {
      if (id === 0) problems.push(`deck '${name}': id 0`);
      if (importedDeckName(name) !== name) problems.push(`deck ${JSON.stringify(name)} is imported as ${JSON.stringify(importedDeckName(name))}`);
      if (/[<>]/.test(name)) problems.push(`deck ${JSON.stringify(name)} carries HTML`);
      const folded = name.toLowerCase();
      if (seenNames.has(folded)) problems.push(`deck ${JSON.stringify(name)} is also ${JSON.stringify(seenNames.get(folded))} (case-insensitive)`);
      seenNames.set(folded, name);
    }
    const guids = new Set<string>();
    const notes = new Map<number, { model: Model | undefined; fields: string[] }>();
    // As blobs: the bytes SQLite holds, which the importer decodes as UTF-8 and aborts on when it cannot.
    for (const row of pkg.rows('select id, mid, cast(guid as blob) as guid, cast(flds as blob) as flds, cast(tags as blob) as tags from notes')) {
      const where = `note ${String(row.id)}`;
      const text: Record<string, string> = {};
      for (const column of ['guid', 'flds', 'tags'] as const) {
        const bytes = row[column] as Uint8Array;
        if (!isUtf8(bytes)) problems.push(`${where}: ${column} is not valid UTF-8`);
        text[column] = new TextDecoder().decode(bytes);
      }
      const fields = text.flds!.split('\x1f');
      const model = models.get(Number(row.mid));
      notes.set(Number(row.id), { model, fields });
      if (model === undefined) problems.push(`${where}: mid ${String(row.mid)} is not in col.models`);
      else if (fields.length !== model.flds.length) problems.push(`${where}: ${fields.length} fields, its note type has ${model.flds.length}`);
      if (guids.has(text.guid!)) problems.push(`${where}: guid ${text.guid} is used twice`);
      guids.add(text.guid!);
      fields.forEach((field, i) => {
        // eslint-disable-next-line no-control-regex
        if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(field)) problems.push(`${where} field ${i}: control characters (removed on import)`);
        if (field.normalize('NFC') !== field) problems.push(`${where} field ${i}: not NFC (normalized on import)`);
        if (/<img\b|<audio\b|<video\b|<object\b|<script\b|<iframe\b/i.test(field)) problems.push(`${where} field ${i}: a media element or script`);
        for (const [what, pattern] of LIVE_ANKI_MARKUP) if (pattern.test(field)) problems.push(`${where} field ${i}: live Anki markup (${what})`);
      });
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f\u007f]/.test(text.tags!)) problems.push(`${where}: tags with control characters`);
    }
    const ords = new Map<number, number[]>();
    for (const row of pkg.rows('select id, nid, did, ord from cards')) {
      const where = `card ${String(row.id)}`;
      if (!notes.has(Number(row.nid))) problems.push(`${where}: nid ${String(row.nid)} is no note of the package`);
      if (!deckIds.has(Number(row.did))) problems.push(`${where}: did ${String(row.did)} is not in col.decks`);
      ords.set(Number(row.nid), [...(ords.get(Number(row.nid)) ?? []), Number(row.ord)]);
    }
    for (const [id, { model, fields }] of notes) {
      const where = `note ${id}`;
      const have = (ords.get(id) ?? []).sort((a, b) => a - b);
      if (have.length === 0) problems.push(`${where}: no cards`);
      if (new Set(have).size !== have.length) problems.push(`${where}: two cards with one ord (${have.join(', ')})`);
      if (model === undefined) continue;
      if (model.type === 1) {
        const expected = clozeNumbers(fields.join('\x1f')).map((n) => Math.min(n - 1, 499));
        if (JSON.stringify(expected) !== JSON.stringify([...new Set(have)])) problems.push(`${where} (cloze): card ords ${have.join(', ')}, deletions need ${expected.join(', ')}`);
      } else {
        for (const ord of have) if (ord >= model.tmpls.length) problems.push(`${where}: card ord ${ord}, its note type has ${model.tmpls.length} templates`);
        // The front of every card must show something: the question field of the template (first field or Role Question).
        if (have.includes(0) && EMPTY_FIELD.test(fields[0] ?? '')) problems.push(`${where}: card ord 0 with an empty first field`);
      }
    }
  } finally {
    pkg.close();
  }
  return problems;
}
