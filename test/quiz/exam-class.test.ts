import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { examMode, givesAway, selectExam } from '../../src/quiz/exam.js';
import { parseCsv } from '../../src/quiz/exam-results.js';
import { fold } from '../../src/quiz/match.js';
import type { Card } from '../../src/cards/card.js';
import { sampleCards, tempDir, testIo } from './helpers.js';

/**
 * An exam taken by three students in plain mode over the sample deck: one
 * answers everything right, one quits after the first question, one types
 * invalid answers first (asked again each time), then gets the first right
 * and the rest wrong. The numbers of the `results` report are worked out by
 * hand below.
 */
const cards = sampleCards();
/** A seed whose first question is multiple choice and the others typed, so that both kinds of invalid answer are tried. */
const SEED = 10;
const COUNT = 4;
const questions = selectExam(cards, SEED, COUNT);

const right = (card: Card): string => (examMode(card) === 'choice' ? String((card.choices ?? []).findIndex((c) => fold(c) === fold(card.answer.text)) + 1) : card.answer.text);
const wrong = (card: Card): string => (examMode(card) === 'choice' ? String((card.choices ?? []).findIndex((c) => fold(c) !== fold(card.answer.text)) + 1) : 'zzz');
const invalid = (card: Card): string[] => ['9', card.answer.text];

async function take(dir: string, student: string, lines: string[]): Promise<{ status: number; out: string }> {
  const io = { ...testIo(lines, '2025-03-01T12:00:00Z', 2000), cwd: dir };
  const status = await main(['quiz', join(process.cwd(), 'decks'), '--plain', '--exam', '--seed', String(SEED), '--count', String(COUNT), '--student', student], io);
  return { status, out: io.out() };
}

const rows = (path: string): string[][] => parseCsv(readFileSync(path, 'utf8')).rows;

describe('an exam for a class', () => {
  it('asks only questions that grade themselves, none giving away another\'s answer, the same for every seed run', () => {
    expect(questions).toHaveLength(COUNT);
    expect(questions.map((q) => examMode(q))).toEqual(['choice', 'typed', 'typed', 'typed']);
    for (let seed = 0; seed < 40; seed++) {
      const picked = selectExam(cards, seed, 8);
      for (const card of picked) expect(examMode(card)).toMatch(/^(choice|typed)$/);
      for (const a of picked) for (const b of picked) if (a !== b) expect(givesAway(a, b), `${seed}: ${a.identity} shows ${b.identity}'s answer`).toBe(false);
      expect(selectExam([...cards].reverse(), seed, 8).map((c) => c.identity)).toEqual(picked.map((c) => c.identity));
    }
  });

  it('gives three CSVs, every question listed, and a results report whose numbers are checked by hand', async () => {
    const dir = tempDir();
    const [q1, ...rest] = questions as [Card, ...Card[]];
    const ada = await take(dir, 'Ada', questions.map(right));
    expect(ada.status).toBe(0);
    const ben = await take(dir, 'Ben Okri', [right(q1), 'q']);
    expect(ben.status).toBe(0);
    // Cy: two invalid picks, the right one; then an empty line (asked again) and wrong answers.
    const cy = await take(dir, 'Cy', [...invalid(q1), right(q1), '', ...rest.map(wrong)]);
    expect(cy.status).toBe(0);
    // Each invalid answer was asked again, not saved as wrong.
    // (An out-of-range number, then the option's name instead of its number.)
    expect(cy.out.split('Choose an option by its number, 1 to ').length - 1).toBe(2);
    expect(cy.out).toContain('Type an answer (s skips it, q stops the exam).');
    // No answer is shown during the exam.
    for (const card of questions) expect(cy.out).not.toContain(`right: ${card.answer.text}`);

    const files = ['exam-10-ada.csv', 'exam-10-ben-okri.csv', 'exam-10-cy.csv'].map((f) => join(dir, f));
    for (const f of files) expect(existsSync(f)).toBe(true);
    const [a, b, c] = files.map(rows) as [string[][], string[][], string[][]];
    expect(a[0]).toEqual(['student', 'seed', 'question', 'card', 'asked', 'answer', 'result', 'seconds']);
    for (const table of [a, b, c]) {
      expect(table).toHaveLength(COUNT + 1);
      // The same questions in the same order for every student.
      expect(table.slice(1).map((r) => r[3])).toEqual(questions.map((q) => q.identity));
    }
    expect(a.slice(1).map((r) => r[6])).toEqual(['right', 'right', 'right', 'right']);
    expect(b.slice(1).map((r) => [r[6], r[7]])).toEqual([['right', expect.any(String)], ['unanswered', ''], ['unanswered', ''], ['unanswered', '']]);
    expect(c.slice(1).map((r) => r[6])).toEqual(['right', 'wrong', 'wrong', 'wrong']);

    // By hand: Ada 4 of 4 (100%), Ben 1 of 4 (25%), Cy 1 of 4 (25%); question 1 right for all three (3/3),
    // questions 2-4 right for Ada only (1/3 = 33%), so those three are the hardest, in question order.
    const io = { ...testIo([]), cwd: dir };
    expect(await main(['results', '--json', ...files], io)).toBe(0);
    const report = JSON.parse(io.out());
    expect(report.seed).toBe(SEED);
    expect(report.students.map((s: any) => [s.student, s.right, s.wrong, s.unanswered, s.score])).toEqual([
      ['Ada', 4, 0, 0, 1],
      ['Ben Okri', 1, 0, 3, 0.25],
      ['Cy', 1, 3, 0, 0.25],
    ]);
    expect(report.questions.map((q: any) => [q.question, q.right, q.students])).toEqual([
      [1, 3, 3],
      [2, 1, 3],
      [3, 1, 3],
      [4, 1, 3],
    ]);
    expect(report.hardest.map((q: any) => q.question)).toEqual([2, 3, 4]);
    const text = { ...testIo([]), cwd: dir };
    expect(await main(['results', ...files], text)).toBe(0);
    expect(text.out()).toContain('Exam seed 10 · 3 students · 4 questions');
    expect(text.out()).toMatch(/\nBen Okri +1 +0 +3 +25%\n/);
    const csv = { ...testIo([]), cwd: dir };
    expect(await main(['results', '--csv', ...files], csv)).toBe(0);
    expect(csv.out().split('\r\n')[1]).toBe('student,Ada,,4,4,1.000');

    // A second sitting of the same student is refused before the first question; the file stays.
    const before = readFileSync(files[0]!, 'utf8');
    const again = await take(dir, 'Ada', questions.map(wrong));
    expect(again.status).toBe(1);
    expect(readFileSync(files[0]!, 'utf8')).toBe(before);
  });

  it('needs a student name in plain mode, and refuses files of two exams', async () => {
    const io = testIo([]);
    expect(await main(['quiz', 'decks', '--plain', '--exam', '--seed', '7', '--count', '2'], io)).toBe(2);
    expect(io.err()).toContain('--exam needs --student NAME');
    const dir = tempDir();
    const header = 'student,seed,question,card,asked,answer,result,seconds\r\n';
    writeFileSync(join(dir, 'a.csv'), header + 'A,7,1,x/y/z,Q?,yes,right,1.0\r\n');
    writeFileSync(join(dir, 'b.csv'), header + 'B,8,1,x/y/z,Q?,no,wrong,1.0\r\n');
    const mixed = { ...testIo([]), cwd: dir };
    expect(await main(['results', 'a.csv', 'b.csv'], mixed)).toBe(1);
    expect(mixed.err()).toContain('these files are of two exams: seed 7 (a.csv) and seed 8 (b.csv)');
  });
});
