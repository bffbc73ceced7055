import { csvText, EXAM_CSV_HEADER, undefusedCell } from './exam.js';

/**
 * `newsdeck results`: a class's exam CSVs (one per student, see exam.ts)
 * merged into each student's score and each question's share right. Pure:
 * the files' texts in, the report out.
 */


export type QuestionResult = 'right' | 'wrong' | 'unanswered';

export interface ExamRow {
  student: string;
  seed: number;
  question: number;
  card: string;
  asked: string;
  answer: string;
  result: QuestionResult;
  seconds: number | null;
}

/** Why a file is not an exam CSV: where, and what was expected. */
export interface ResultsError {
  file: string;
  line: number;
  message: string;
}

/** The cells of an RFC 4180 CSV text (quoted cells may hold commas, quotes and line breaks). */
export function parseCsv(text: string): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      lines.push(rowLine);
      row = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
    lines.push(rowLine);
  }
  return { rows, lines };
}

/** The rows of one student's exam CSV, or the first thing wrong with it. */
export function parseExamCsv(file: string, text: string): { ok: true; rows: ExamRow[] } | { ok: false; error: ResultsError } {
  // A spreadsheet that saved the file again ("CSV UTF-8") puts a byte order mark in front.
  const { rows, lines } = parseCsv(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = rows[0];
  if (header === undefined || header.join(',') !== EXAM_CSV_HEADER.join(',')) {
    return { ok: false, error: { file, line: 1, message: `this is not an exam CSV of newsdeck quiz --exam: its first line should be ${EXAM_CSV_HEADER.join(',')}` } };
  }
  const out: ExamRow[] = [];
  for (let i = 1; i < rows.length; i++) {
    const cells = rows[i] as string[];
    const line = lines[i] as number;
    if (cells.length === 1 && cells[0] === '') continue;
    if (cells.length !== EXAM_CSV_HEADER.length) return { ok: false, error: { file, line, message: `expected ${EXAM_CSV_HEADER.length} cells (${EXAM_CSV_HEADER.join(', ')}), found ${cells.length}` } };
    const [student, seed, question, card, asked, answer, result, seconds] = cells.map(undefusedCell) as [string, string, string, string, string, string, string, string];
    if (!/^\d+$/.test(seed) || !/^\d+$/.test(question)) return { ok: false, error: { file, line, message: `the seed and the question number must be whole numbers, got '${seed}' and '${question}'` } };
    if (result !== 'right' && result !== 'wrong' && result !== 'unanswered') return { ok: false, error: { file, line, message: `the result must be right, wrong or unanswered, got '${result}'` } };
    if (seconds !== '' && !/^\d+(\.\d+)?$/.test(seconds)) return { ok: false, error: { file, line, message: `seconds must be a number (or empty for an unanswered question), got '${seconds}'` } };
    out.push({ student, seed: Number(seed), question: Number(question), card, asked, answer, result, seconds: seconds === '' ? null : Number(seconds) });
  }
  return { ok: true, rows: out };
}

export interface StudentScore {
  student: string;
  file: string;
  questions: number;
  right: number;
  wrong: number;
  unanswered: number;
  /** right / questions: an unanswered question counts as not right. */
  score: number;
}

export interface QuestionScore {
  question: number;
  card: string;
  asked: string;
  students: number;
  right: number;
  wrong: number;
  unanswered: number;
  /** right / students. */
  share: number;
}

export interface ResultsReport {
  seed: number;
  students: StudentScore[];
  questions: QuestionScore[];
  /** The questions fewest got right (share below 1), hardest first, at most five. */
  hardest: QuestionScore[];
}

/** Merges the files of one exam (one seed). Refuses files of two exams, or two files of one student. */
export function mergeResults(files: readonly { file: string; rows: readonly ExamRow[] }[]): { ok: true; report: ResultsReport } | { ok: false; error: ResultsError } {
  const seeds = new Map<number, string>();
  const students = new Map<string, string>();
  const byQuestion = new Map<number, QuestionScore>();
  const scores: StudentScore[] = [];
  for (const { file, rows } of files) {
    const first = rows[0];
    if (first === undefined) return { ok: false, error: { file, line: 2, message: 'the file lists no questions' } };
    for (const row of rows) if (!seeds.has(row.seed)) seeds.set(row.seed, file);
    if (seeds.size > 1) {
      const [a, b] = [...seeds];
      return { ok: false, error: { file, line: 2, message: `these files are of two exams: seed ${a?.[0]} (${a?.[1]}) and seed ${b?.[0]} (${b?.[1]}); give the files of one exam` } };
    }
    const known = students.get(first.student);
    if (known !== undefined) return { ok: false, error: { file, line: 2, message: `${first.student} also took this exam in ${known}; give each student's file once` } };
    students.set(first.student, file);
    const s: StudentScore = { student: first.student, file, questions: rows.length, right: 0, wrong: 0, unanswered: 0, score: 0 };
    for (const row of rows) {
      s[row.result]++;
      let q = byQuestion.get(row.question);
      if (q === undefined) {
        q = { question: row.question, card: row.card, asked: row.asked, students: 0, right: 0, wrong: 0, unanswered: 0, share: 0 };
        byQuestion.set(row.question, q);
      }
      q.students++;
      q[row.result]++;
    }
    s.score = s.questions === 0 ? 0 : s.right / s.questions;
    scores.push(s);
  }
  const questions = [...byQuestion.values()].sort((a, b) => a.question - b.question);
  for (const q of questions) q.share = q.students === 0 ? 0 : q.right / q.students;
  const hardest = questions.filter((q) => q.share < 1).sort((a, b) => a.share - b.share || a.question - b.question).slice(0, 5);
  return { ok: true, report: { seed: [...seeds.keys()][0] ?? 0, students: scores.sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0)), questions, hardest } };
}

const percent = (share: number): string => `${Math.round(100 * share)}%`;

/** The report as text tables. */
export function renderResults(report: ResultsReport): string {
  const name = Math.max(7, ...report.students.map((s) => s.student.length));
  const lines = [`Exam seed ${report.seed} · ${report.students.length} student${report.students.length === 1 ? '' : 's'} · ${report.questions.length} question${report.questions.length === 1 ? '' : 's'}`, ''];
  lines.push(`${'Student'.padEnd(name)}  right  wrong  unanswered  score`);
  for (const s of report.students) {
    lines.push(`${s.student.padEnd(name)}  ${String(s.right).padStart(5)}  ${String(s.wrong).padStart(5)}  ${String(s.unanswered).padStart(10)}  ${percent(s.score).padStart(5)}`);
  }
  lines.push('', ' #  right  question');
  for (const q of report.questions) lines.push(`${String(q.question).padStart(2)}  ${`${q.right}/${q.students}`.padStart(5)}  ${q.asked}`);
  if (report.hardest.length > 0) {
    lines.push('', 'Hardest:');
    for (const q of report.hardest) lines.push(`${String(q.question).padStart(2)}  ${percent(q.share).padStart(4)} right  ${q.asked}`);
  }
  return lines.join('\n');
}

/** The report as one CSV: a row per student, then a row per question. */
export function resultsCsv(report: ResultsReport): string {
  const rows: string[][] = [['kind', 'name', 'question', 'right', 'of', 'share']];
  for (const s of report.students) rows.push(['student', s.student, '', String(s.right), String(s.questions), s.score.toFixed(3)]);
  for (const q of report.questions) rows.push(['question', q.asked, String(q.question), String(q.right), String(q.students), q.share.toFixed(3)]);
  return csvText(rows);
}
