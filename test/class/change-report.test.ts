/**
 * The change report's words: what a teacher reads after a rebuild.
 */
import { describe, expect, it } from 'vitest';
import type { ManifestNote, PackageChanges } from '../../src/anki/index.js';
import { packageReport, reportLines, wordDiff } from '../../src/class/change-report.js';

const note = (question: string, answer: string, deck = 'Class::A'): ManifestNote => ({
  guid: 'g',
  hash: 'h',
  mod: 1,
  package: 'p',
  type: 'qa',
  fields: [question, answer, '', 'the story', '', ''],
  tags: '',
  decks: { '0': deck },
});
const changes = (partial: Partial<PackageChanges>): PackageChanges => ({ added: [], changed: [], unchanged: [], retired: [], stale: [], moved: [], kept: [], ...partial });

describe('the change report', () => {
  it('marks removed and added words, keeping the rest as it is', () => {
    expect(wordDiff('Who met in Riyadh on Tuesday?', 'Who met in Riyadh on 18 February?')).toBe('Who met in Riyadh on [-Tuesday-]{+18 February+}?');
    expect(wordDiff('same', 'same')).toBe('same');
  });

  it('lists per deck the added, changed and retired cards, and says what students do with retired ones', () => {
    const previous = { 'a/fact-question/old': note('Old question?', 'Old'), 'a/fact-question/edited': note('How many?', '12') };
    const next = { 'a/fact-question/new': note('New question?', 'New'), 'a/fact-question/edited': note('How many?', '13') };
    const report = packageReport(changes({ added: ['a/fact-question/new'], changed: ['a/fact-question/edited'], retired: ['a/fact-question/old'], unchanged: ['x'] }), previous, next);
    const lines = reportLines(report);
    expect(lines).toContain('  deck Class::A: 1 added, 1 changed, 1 retired');
    expect(lines).toContain('    added    a/fact-question/new: New question? → New');
    expect(lines).toContain('      back:  [-12-]{+13+}');
    expect(lines).toContain('    retired  a/fact-question/old: Old question?');
    expect(lines.some((l) => l.includes('tag:newsdeck::retired and delete or suspend them'))).toBe(true);
    // A retired and an added note of one article and template look like a rename: say `was:`.
    expect(lines).toContain('  hint: if a/fact-question/new is a/fact-question/old renamed, write `was: old` on the item: students keep its reviews instead of getting a new card');
  });

  it('shows the texts of files with their control characters made visible', () => {
    const report = packageReport(changes({ added: ['a/fact-question/x\u001b]0;t\u0007'], unchanged: ['y'] }), {}, { 'a/fact-question/x\u001b]0;t\u0007': note('Q\u009b2J?', 'A') });
    const text = reportLines(report).join('\n');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('\\u001b]0;t\\u0007');
  });
});
