/**
 * A printed handout of a unit's cards: per article its questions, numbered
 * 1, 2, 3… again for each article, then an answer key on a page of its own,
 * numbered the same way and grouped under the same article titles. Two files
 * with the same content: an HTML page that prints on A4 and on Letter (and is
 * what the PDF is rendered from), and Markdown for pasting into a document or
 * a learning platform. Every string from an annotation is escaped for its medium.
 */
import { cleanText, escapeHtml } from '../anki/text.js';
import type { Card } from '../cards/index.js';
import { longDate } from '../cards/dates.js';
import { htmlDocument } from './html.js';
import type { OutputArticle, OutputFile, OutputUnit } from './output.js';

/** The gap of a cloze on paper, wide enough to write a word or two in. */
const BLANK = '________';
/** Ruled lines under an open question: room for the short answers cards ask for. */
const ANSWER_LINES = 2;

/** The handout as `.handout.html` and `.handout.md`. */
export function handoutFiles(unit: OutputUnit): OutputFile[] {
  return [
    { suffix: '.handout.html', data: handoutHtml(unit) },
    { suffix: '.handout.md', data: handoutMarkdown(unit) },
  ];
}

/** What a card asks on paper, in pieces each output escapes for itself. */
type Question =
  | { kind: 'cloze'; before: string; after: string }
  | { kind: 'choice'; text: string; choices: string[] }
  | { kind: 'open'; text: string };

function questionOf(card: Card): Question {
  if (card.kind === 'cloze') return { kind: 'cloze', before: card.before, after: card.after };
  if (card.choices !== undefined && card.choices.length > 1) return { kind: 'choice', text: card.front, choices: card.choices };
  return { kind: 'open', text: card.front };
}

/** What the key says: the letter of the right option for multiple choice, and the answer. */
function answerOf(card: Card): { letter?: string; text: string } {
  const index = card.choices?.findIndex((choice) => choice === card.answer.text || card.answer.accepted.includes(choice)) ?? -1;
  if (card.choices !== undefined && index >= 0) return { letter: letter(index), text: card.choices[index] as string };
  // A cloze's back is its whole text again: the key gives what goes in the gap.
  return { text: card.kind === 'cloze' ? card.answer.text : card.back || card.answer.text };
}

function letter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** "CNN", "20 February 2025" and the address: whatever of them the annotation gives. */
function articleDetails(article: OutputArticle): { words: string[]; url?: string } {
  const { source, published, url } = article.annotation.article;
  const words = [source, published === undefined ? undefined : longDate(published)].filter((part): part is string => part !== undefined && part.trim() !== '');
  return url === undefined || url.trim() === '' ? { words } : { words, url };
}

/** A deck name's subdecks read as a path on paper: "Current Affairs › Culture › …". */
function unitTitle(unit: OutputUnit): string {
  return unit.title
    .split('::')
    .map((part) => part.trim())
    .join(' › ');
}

// ---------------------------------------------------------------- HTML

/** Plain text as HTML text: Anki's control-character rule, then escaped. */
function html(text: string): string {
  return escapeHtml(cleanText(text));
}

// No fixed page size, so the same page prints on A4 and on Letter; breaks never split a question.
const STYLE = `
@page { margin: 18mm 16mm; }
html { font-family: Georgia, "Times New Roman", "DejaVu Serif", "Liberation Serif", serif; font-size: 11pt; line-height: 1.4; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 44em; padding: 2em 1em; }
h1 { font-size: 18pt; margin: 0 0 0.3em; }
h2 { font-size: 14pt; margin: 1.4em 0 0.2em; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 12pt; margin: 1.2em 0 0.4em; break-after: avoid; page-break-after: avoid; }
.student { margin: 0.6em 0 1.2em; }
.details { margin: 0 0 0.8em; font-size: 9.5pt; color: #333; overflow-wrap: anywhere; }
ol.questions, ol.answers, ol.choices { list-style: none; margin: 0; padding: 0; }
li.question, li.answer { display: flex; gap: 0.5em; margin: 0 0 0.8em; break-inside: avoid; page-break-inside: avoid; }
.number { flex: 0 0 2em; font-weight: bold; text-align: right; }
.body { flex: 1 1 auto; min-width: 0; overflow-wrap: anywhere; }
.body p { margin: 0; }
.blank { white-space: nowrap; }
ol.choices { margin-top: 0.3em; }
ol.choices li { margin: 0.15em 0 0 0.5em; }
.letter { font-weight: bold; }
.lines span { display: block; height: 1.6em; border-bottom: 0.5pt solid #777; }
.answer-key { break-before: page; page-break-before: always; }
.answer-key > h2 { margin-top: 0; }
.source { margin: 0.2em 0 0; font-size: 8.5pt; color: #444; }
@media print {
  body { max-width: none; padding: 0; }
}
`.trim();

/** The handout as one self-contained page: no scripts, nothing fetched. */
export function handoutHtml(unit: OutputUnit): string {
  const title = html(unitTitle(unit));
  return htmlDocument({
    title,
    style: STYLE,
    body: [
      `<h1>${title}</h1>`,
      `<p class="student">Name: ________________________ &nbsp; Date: ____________</p>`,
      ...unit.articles.flatMap(articleHtml),
      '<section class="answer-key">',
      '<h2>Answer key</h2>',
      ...unit.articles.flatMap(answerKeyHtml),
      '</section>',
    ],
  });
}

function articleHtml(article: OutputArticle): string[] {
  const { words, url } = articleDetails(article);
  const details = [...words.map(html), ...(url === undefined ? [] : [`<span class="url">${html(url)}</span>`])];
  return [
    '<section class="article">',
    `<h2>${html(article.annotation.article.title)}</h2>`,
    ...(details.length === 0 ? [] : [`<p class="details">${details.join(' · ')}</p>`]),
    '<ol class="questions">',
    ...article.cards.map((card, i) => `<li class="question"><span class="number">${i + 1}.</span><div class="body">${questionHtml(questionOf(card))}</div></li>`),
    '</ol>',
    '</section>',
  ];
}

function questionHtml(question: Question): string {
  switch (question.kind) {
    case 'cloze':
      return `<p>${html(question.before)}<span class="blank">${BLANK}</span>${html(question.after)}</p>`;
    case 'choice':
      return `<p>${html(question.text)}</p><ol class="choices">${question.choices.map((choice, i) => `<li><span class="letter">${letter(i)}.</span> ${html(choice)}</li>`).join('')}</ol>`;
    case 'open':
      return `<p>${html(question.text)}</p><div class="lines" aria-hidden="true">${'<span></span>'.repeat(ANSWER_LINES)}</div>`;
  }
}

function answerKeyHtml(article: OutputArticle): string[] {
  return [
    `<h3>${html(article.annotation.article.title)}</h3>`,
    '<ol class="answers">',
    ...article.cards.map((card, i) => {
      const answer = answerOf(card);
      const letterHtml = answer.letter === undefined ? '' : `<span class="letter">${answer.letter}.</span> `;
      const sentence = card.source.sentence === undefined ? '' : `<p class="source">${html(card.source.sentence)}</p>`;
      return `<li class="answer"><span class="number">${i + 1}.</span><div class="body"><p>${letterHtml}${html(answer.text)}</p>${sentence}</div></li>`;
    }),
    '</ol>',
  ];
}

// ------------------------------------------------------------ Markdown

/**
 * Plain text as Markdown text that renders as written. Annotation text is
 * quoted from news articles, where `*`, `_`, `[`, `#` and `<` are ordinary
 * characters, but a renderer would turn them into emphasis, links, headings
 * or live HTML. Every string is put on one line (a line break would end a
 * list item or start a block), `<` and `>` become entities (safe even in
 * renderers without backslash escapes for them), and so does an `&` that
 * would start an entity; the inline markup characters get a backslash, and
 * so does a block marker at the start (`- `, `1. `).
 */
function markdown(text: string, edges: 'trim' | 'keep' = 'trim'): string {
  const line = cleanText(text).replace(/[\s\u2028\u2029]+/gu, ' ');
  return (edges === 'trim' ? line.trim() : line)
    .replace(/[\\`*_[\]#|~!]/g, (ch) => `\\${ch}`)
    .replace(/&(?=#|[a-z0-9]+;)/gi, '&amp;')
    .replace(/[<>]/g, (ch) => (ch === '<' ? '&lt;' : '&gt;'))
    .replace(/^( ?)([-+=])/, '$1\\$2')
    .replace(/^( ?)(\d+)([.)])/, '$1$2\\$3');
}

const MARKDOWN_BLANK = BLANK.replace(/_/g, '\\_');

/** An address as an autolink, where backslash escapes would not apply and `_` may stay as it is. */
function markdownUrl(url: string): string {
  return /^https?:\/\/[^\s<>]+$/.test(url) ? `<${url}>` : markdown(url);
}

/** The indentation of a list item's content after its number. */
function indent(number: number): string {
  return ' '.repeat(String(number).length + 2);
}

/** The handout as Markdown: the same questions, options and answer key as the page. */
export function handoutMarkdown(unit: OutputUnit): string {
  const lines = [`# ${markdown(unitTitle(unit))}`, '', 'Name: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ Date: \\_\\_\\_\\_\\_\\_\\_\\_', ''];
  for (const article of unit.articles) {
    lines.push(`## ${markdown(article.annotation.article.title)}`, '');
    const { words, url } = articleDetails(article);
    const details = [...words.map((word) => markdown(word)), ...(url === undefined ? [] : [markdownUrl(url)])];
    if (details.length > 0) lines.push(details.join(' · '), '');
    article.cards.forEach((card, i) => lines.push(...questionMarkdown(i + 1, questionOf(card)), ''));
  }
  lines.push('## Answer key', '');
  for (const article of unit.articles) {
    lines.push(`### ${markdown(article.annotation.article.title)}`, '');
    article.cards.forEach((card, i) => {
      const answer = answerOf(card);
      lines.push(`${i + 1}. ${answer.letter === undefined ? '' : `${answer.letter}. `}${markdown(answer.text)}`);
      // Two trailing spaces would be invisible; a backslash is CommonMark's visible hard line break.
      if (card.source.sentence !== undefined) lines[lines.length - 1] += `\\\n${indent(i + 1)}*Source:* ${markdown(card.source.sentence)}`;
      lines.push('');
    });
  }
  return lines.join('\n').replace(/\n+$/, '\n');
}

function questionMarkdown(number: number, question: Question): string[] {
  switch (question.kind) {
    case 'cloze':
      // The spaces around the gap are part of the sentence: kept, not trimmed.
      return [`${number}. ${markdown(question.before, 'keep')}${MARKDOWN_BLANK}${markdown(question.after, 'keep')}`];
    case 'choice':
      // A nested list keeps each option on its own line when rendered; it must be indented past "12. ".
      return [`${number}. ${markdown(question.text)}`, ...question.choices.map((choice, i) => `${indent(number)}- ${letter(i)}. ${markdown(choice)}`)];
    case 'open':
      return [`${number}. ${markdown(question.text)}`];
  }
}
