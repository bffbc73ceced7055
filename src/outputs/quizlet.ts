/**
 * Quizlet's import: "term<TAB>definition", one card per line (Quizlet's
 * defaults between term and definition and between cards). Plain text: the
 * front is the term, the back the definition. A tab or a line break inside a
 * card would split it, so every run of white space becomes one space.
 */
import type { Card } from '../cards/index.js';
import type { OutputFile, OutputUnit } from './output.js';

export function quizletFiles(unit: OutputUnit): OutputFile[] {
  return [{ suffix: '.quizlet.txt', data: unit.cards.map(quizletLine).join('\n') + '\n' }];
}

function quizletLine(card: Card): string {
  return `${oneLine(card.front)}\t${oneLine(card.back || card.answer.text)}`;
}

/** Tabs, line breaks (also U+2028/2029) and other controls would split a card or a line. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+/gu, ' ').trim();
}
