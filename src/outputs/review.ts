/**
 * The review page: how a teacher checks a deck before handing it out. One
 * self-contained HTML file per unit: the article with every span an item
 * rests on highlighted, the cards made from each item beside it (front shown,
 * back on a click), the actors and the items without a span, what was dropped
 * and what the annotation could add, and a filter per family.
 *
 * Every string of the annotation is escaped where it becomes HTML, and it
 * lives in the DOM only: the one script is fixed text, allowed by its hash,
 * so nothing an annotation says can run or make the page fetch anything.
 */
import { createHash } from 'node:crypto';
import type { Actor, Annotation, CardFamily, Passage } from '../annotation/index.js';
import { CARD_FAMILIES } from '../annotation/model.js';
import { escapeHtml } from '../anki/text.js';
import type { Card } from '../cards/index.js';
import { longDate } from '../cards/dates.js';
import { htmlDocument } from './html.js';
import type { OutputArticle, OutputFile, OutputUnit } from './output.js';

export function reviewFiles(unit: OutputUnit): OutputFile[] {
  return [{ suffix: '.review.html', data: reviewPage(unit) }];
}

/** One annotation item as the page shows it. */
interface ReviewItem {
  family: CardFamily;
  id: string;
  /** `family:id`: how highlights and blocks name the item (ids are unique across families, the family keeps it readable). */
  key: string;
  /** What the item says, in one line of plain text. */
  label: string;
  passage?: Passage;
  cards: Card[];
}

const SINGULAR: Record<CardFamily, string> = { actors: 'actor', quotes: 'quote', claims: 'claim', events: 'event', terms: 'term', facts: 'fact' };

/** The whole page, deterministic: the same unit gives the same bytes. */
export function reviewPage(unit: OutputUnit): string {
  const counts = new Map<CardFamily, number>(CARD_FAMILIES.map((f) => [f, 0]));
  for (const card of unit.cards) counts.set(card.family, (counts.get(card.family) ?? 0) + 1);
  const filter = CARD_FAMILIES.map(
    (f) => `<label class="f-${f}"><input type="checkbox" data-filter value="${f}" checked> ${f} (${counts.get(f) ?? 0})</label>`,
  ).join('\n');
  return htmlDocument({
    title: `Review: ${escapeHtml(unit.title)}`,
    style: STYLE,
    script: { source: SCRIPT, hash: SCRIPT_HASH },
    body: [
      '<header class="page">',
      `<h1>Review: ${escapeHtml(unit.title)}</h1>`,
      `<p class="summary">${unit.cards.length} ${plural(unit.cards.length, 'card')} from ${unit.articles.length} ${plural(unit.articles.length, 'article')}. Click a highlight to find its cards, a card to see its back.</p>`,
      `<nav class="filter" aria-label="Families shown">${filter}</nav>`,
      '</header>',
      '<main>',
      ...unit.articles.map((article, index) => articleSection(article, `a${index}`)),
      '</main>',
    ],
  });
}

function articleSection(output: OutputArticle, prefix: string): string {
  const { annotation } = output;
  const items = itemsOf(annotation, output.cards);
  const withSpan = items.filter((item) => item.family !== 'actors' && item.passage !== undefined);
  const actors = items.filter((item) => item.family === 'actors');
  const withoutSpan = items.filter((item) => item.family !== 'actors' && item.passage === undefined);
  const known = new Set(items.map((item) => item.key));
  const strays = output.cards.filter((card) => !known.has(`${card.family}:${card.itemId}`));
  const familyOf = new Map(items.map((item) => [item.id, item.family]));
  const { article } = annotation;
  const meta = [article.source, article.published === undefined ? undefined : longDate(article.published), article.url].filter((x) => x !== undefined);

  const parts = [
    `<section class="article" id="${prefix}">`,
    `<h2>${escapeHtml(article.title)}</h2>`,
    `<p class="meta">${meta.map(escapeHtml).join(' · ')}${meta.length > 0 ? '<br>' : ''}deck ${escapeHtml(annotation.deck.name)} · ${escapeHtml(annotation.file)}</p>`,
    `<p class="summary">${output.cards.length} ${plural(output.cards.length, 'card')}, ${withSpan.length} highlighted ${plural(withSpan.length, 'item')}, ${output.dropped.length} dropped, ${output.advice.length} ${plural(output.advice.length, 'warning')}.</p>`,
    '<h3>Article</h3>',
    '<div class="text">',
    ...paragraphs(article.text, withSpan).map(
      (p) => `<div class="row"><p class="para">${p.html}</p><div class="side">${p.items.map((item) => itemBlock(item, prefix)).join('')}</div></div>`,
    ),
    '</div>',
    '<h3>Actors</h3>',
    actors.length === 0 ? '<p class="none">No actors.</p>' : `<div class="blocks">${actors.map((item) => itemBlock(item, prefix)).join('')}</div>`,
    '<h3>Without a span</h3>',
  ];
  if (withoutSpan.length === 0 && strays.length === 0) parts.push('<p class="none">Every item has a span in the article.</p>');
  else {
    parts.push(`<div class="blocks">${withoutSpan.map((item) => itemBlock(item, prefix)).join('')}`);
    // Cards whose item the annotation does not list (a template naming another item): shown, not lost.
    if (strays.length > 0) parts.push(`<section class="item"><h4>Cards of no listed item</h4>${strays.map(cardHtml).join('')}</section>`);
    parts.push('</div>');
  }
  parts.push('<h3>Dropped and warnings</h3>');
  parts.push(`<h4>Dropped cards (${output.dropped.length})</h4>`);
  if (output.dropped.length === 0) parts.push('<p class="none">No card was dropped.</p>');
  else {
    parts.push('<ul class="dropped">');
    for (const d of output.dropped) {
      const itemId = d.identity.split('/')[2] ?? '';
      const family = familyOf.get(itemId);
      const attrs = family === undefined ? '' : ` data-family="${family}"`;
      parts.push(`<li${attrs}><code>${escapeHtml(d.identity)}</code> <span class="reason">${escapeHtml(d.reason)}</span>${family === undefined ? '' : ` ${itemLink(prefix, family, itemId)}`}</li>`);
    }
    parts.push('</ul>');
  }
  parts.push(`<h4>Warnings (${output.advice.length})</h4>`);
  if (output.advice.length === 0) parts.push('<p class="none">Nothing to add.</p>');
  else {
    parts.push('<ul class="advice">');
    for (const a of output.advice) {
      const family = familyOf.get(a.itemId);
      const attrs = family === undefined ? '' : ` data-family="${family}"`;
      parts.push(
        `<li${attrs}><code>${escapeHtml(annotation.file)}:${a.pos.line}:${a.pos.col}</code> ` +
          `${family === undefined ? escapeHtml(a.itemId) : itemLink(prefix, family, a.itemId)} (${escapeHtml(a.template)}): ` +
          `<span class="reason">${escapeHtml(a.message)}</span><br><span class="hint">fix: ${escapeHtml(a.hint)}</span></li>`,
      );
    }
    parts.push('</ul>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

function itemsOf(annotation: Annotation, cards: readonly Card[]): ReviewItem[] {
  const byItem = new Map<string, Card[]>();
  for (const card of cards) {
    const key = `${card.family}:${card.itemId}`;
    byItem.set(key, [...(byItem.get(key) ?? []), card]);
  }
  const item = (family: CardFamily, id: string, label: string, passage?: Passage): ReviewItem => {
    const key = `${family}:${id}`;
    return passage === undefined ? { family, id, key, label, cards: byItem.get(key) ?? [] } : { family, id, key, label, passage, cards: byItem.get(key) ?? [] };
  };
  const name = (actor: Actor | 'article'): string => (actor === 'article' ? 'the article' : actor.name);
  return [
    ...annotation.actors.map((a) => item('actors', a.id, `${a.name} (${a.kind}): ${a.role}${a.aliases.length > 0 ? `; also ${a.aliases.join(', ')}` : ''}`)),
    ...annotation.quotes.map((q) => item('quotes', q.id, `${q.speaker.name}${q.context === undefined ? '' : `, ${q.context}`}`, q.passage)),
    ...annotation.claims.map((c) =>
      item('claims', c.id, `${name(c.claimant)} (${c.stance}): ${c.text}${c.disputedBy.length > 0 ? `; disputed by ${c.disputedBy.map(name).join(', ')}` : ''}`, c.evidence),
    ),
    ...annotation.events.map((e) => item('events', e.id, `${e.when}${e.where === undefined ? '' : `, ${e.where}`}: ${e.what}`, e.evidence)),
    ...annotation.terms.map((t) => item('terms', t.id, `${t.term}: ${t.definition}`, t.evidence)),
    ...annotation.facts.map((f) => item('facts', f.id, `${f.question} → ${f.answer}`, f.evidence)),
  ];
}

interface Paragraph {
  html: string;
  /** The items whose span starts in this paragraph, shown beside it. */
  items: ReviewItem[];
}

/**
 * The article's lines as paragraphs, each span highlighted. Spans overlap
 * (a claim's evidence inside a quote), so the text is cut at every start and
 * end into segments, each a `<mark>` naming all the items that cover it.
 */
function paragraphs(text: string, items: readonly ReviewItem[]): Paragraph[] {
  const spans = items
    .map((item, order) => {
      const passage = item.passage as Passage;
      return { item, order, start: passage.offset, end: passage.offset + passage.span.length };
    })
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);
  const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].filter((at) => at <= text.length).sort((a, b) => a - b);

  const result: Paragraph[] = [];
  let html = '';
  let starting: ReviewItem[] = [];
  const close = (): void => {
    if (html.trim() !== '' || starting.length > 0) result.push({ html, items: starting });
    html = '';
    starting = [];
  };
  let next = 0; // the first span not yet started
  const active: typeof spans = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i] as number;
    const to = cuts[i + 1] as number;
    while (next < spans.length && (spans[next] as (typeof spans)[number]).start <= from) {
      const span = spans[next] as (typeof spans)[number];
      active.push(span);
      starting.push(span.item);
      next++;
    }
    for (let j = active.length - 1; j >= 0; j--) if ((active[j] as (typeof spans)[number]).end <= from) active.splice(j, 1);
    const covering = [...active].sort((a, b) => a.order - b.order).map((s) => s.item);
    const lines = text.slice(from, to).split('\n');
    lines.forEach((line, n) => {
      if (n > 0) close();
      if (line === '') return;
      html += covering.length === 0 ? escapeHtml(line) : markHtml(line, covering);
    });
  }
  close();
  return result;
}

function markHtml(text: string, covering: readonly ReviewItem[]): string {
  const keys = covering.map((item) => item.key).join(' ');
  const families = [...new Set(covering.map((item) => item.family))].join(' ');
  return `<mark class="hl d${Math.min(covering.length, 3)}" data-items="${escapeHtml(keys)}" data-families="${families}">${escapeHtml(text)}</mark>`;
}

function itemBlock(item: ReviewItem, prefix: string): string {
  const cards = item.cards.length === 0 ? '<p class="none">No cards: see Dropped and warnings.</p>' : item.cards.map(cardHtml).join('');
  return (
    `<section class="item" id="${escapeHtml(itemAnchor(prefix, item.family, item.id))}" data-family="${item.family}" data-item="${escapeHtml(item.key)}">` +
    `<h4><span class="badge f-${item.family}">${SINGULAR[item.family]}</span> <span class="id">${escapeHtml(item.id)}</span></h4>` +
    `<p class="label">${escapeHtml(item.label)}</p>${cards}</section>`
  );
}

function cardHtml(card: Card): string {
  const choices = card.choices === undefined ? '' : `<span class="choices">${card.choices.map((c, i) => `${i + 1}) ${escapeHtml(c)}`).join(' · ')}</span>`;
  const back: string[] = [`<p><b>Answer:</b> ${escapeHtml(card.answer.text)}</p>`];
  const also = card.answer.accepted.filter((form) => bare(form) !== bare(card.answer.text));
  if (also.length > 0) back.push(`<p><b>Also right:</b> ${also.map(escapeHtml).join(', ')}</p>`);
  // The back of most question cards is the answer as a sentence ("Russia."): shown only when it says more.
  if (bare(card.back) !== bare(card.answer.text)) back.push(`<p><b>Back:</b> ${escapeHtml(card.back)}</p>`);
  if (card.extra !== undefined) back.push(`<p><b>Extra:</b> ${escapeHtml(card.extra)}</p>`);
  const s = card.source;
  const where = [s.outlet, s.published === undefined ? undefined : longDate(s.published)].filter((x) => x !== undefined).join(', ');
  if (s.sentence !== undefined) back.push(`<p class="source"><b>Source:</b> ${escapeHtml(s.sentence)}${where === '' ? '' : ` (${escapeHtml(where)})`}</p>`);
  back.push(`<p class="identity">${escapeHtml(card.identity)}</p>`);
  return (
    `<details class="card" data-family="${card.family}" data-card="${escapeHtml(card.identity)}">` +
    `<summary><span class="template">${escapeHtml(card.template)}</span> <span class="front">${escapeHtml(card.front)}</span>${choices}</summary>` +
    `<div class="back">${back.join('')}</div></details>`
  );
}

function itemAnchor(prefix: string, family: CardFamily, id: string): string {
  return `${prefix}-${family}-${id}`;
}

function itemLink(prefix: string, family: CardFamily, id: string): string {
  return `<a href="#${escapeHtml(itemAnchor(prefix, family, id))}">${escapeHtml(id)}</a>`;
}

function bare(text: string): string {
  return text.replace(/[\s.!?]+$/u, '').toLowerCase();
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/**
 * The page's behaviour, fixed text with no data of the annotation in it: the
 * family filter, and a click on a highlight that points at its items' cards.
 * Attribute values are compared, never put into selectors.
 */
const SCRIPT = `
(function () {
  'use strict';
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter]'));
  function apply() {
    var shown = {};
    boxes.forEach(function (box) { shown[box.value] = box.checked; });
    document.querySelectorAll('[data-family]').forEach(function (el) {
      el.hidden = !shown[el.getAttribute('data-family')];
    });
    document.querySelectorAll('mark[data-families]').forEach(function (mark) {
      var on = mark.getAttribute('data-families').split(' ').some(function (f) { return shown[f]; });
      mark.classList.toggle('off', !on);
    });
  }
  boxes.forEach(function (box) { box.addEventListener('change', apply); });
  apply();
  function light(article, keys, name) {
    article.querySelectorAll('.' + name).forEach(function (el) { el.classList.remove(name); });
    article.querySelectorAll('[data-item], mark[data-items]').forEach(function (el) {
      var own = (el.getAttribute('data-item') || el.getAttribute('data-items')).split(' ');
      if (own.some(function (k) { return keys.indexOf(k) >= 0; })) el.classList.add(name);
    });
  }
  document.addEventListener('click', function (event) {
    var mark = event.target.closest('mark[data-items]');
    if (!mark) return;
    var article = mark.closest('.article');
    light(article, mark.getAttribute('data-items').split(' '), 'focus');
    var first = article.querySelector('.item.focus');
    if (first) first.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  });
  document.addEventListener('mouseover', function (event) {
    var item = event.target.closest('.item[data-item]');
    var article = event.target.closest('.article');
    if (article) light(article, item ? [item.getAttribute('data-item')] : [], 'lit');
  });
})();
`;

const SCRIPT_HASH = `sha256-${createHash('sha256').update(SCRIPT, 'utf8').digest('base64')}`;

const STYLE = `
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d9d9de; --paper: #fff; --hl1: #fff1a8; --hl2: #ffd966; --hl3: #f4b942; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f6f6f8; }
header.page { position: sticky; top: 0; z-index: 1; background: var(--paper); border-bottom: 1px solid var(--line); padding: .6rem 1.2rem; }
h1 { font-size: 1.25rem; margin: 0 0 .2rem; }
h2 { font-size: 1.4rem; margin: 0 0 .2rem; }
h3 { font-size: 1.1rem; margin: 1.6rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h4 { font-size: .95rem; margin: 0 0 .3rem; }
main { padding: 1rem 1.2rem 3rem; max-width: 1400px; margin: 0 auto; }
section.article { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 1rem 1.2rem; margin-bottom: 2rem; }
.meta, .summary, .none, .identity { color: var(--muted); font-size: .9rem; margin: .2rem 0; }
.filter { display: flex; flex-wrap: wrap; gap: .4rem 1rem; font-size: .9rem; }
.filter label { cursor: pointer; }
.row { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.2rem; align-items: start; }
.para { margin: 0 0 1rem; white-space: pre-wrap; }
.side { display: flex; flex-direction: column; gap: .5rem; margin-bottom: 1rem; }
@media (max-width: 800px) { .row { grid-template-columns: minmax(0, 1fr); } }
mark.hl { background: var(--hl1); color: inherit; cursor: pointer; border-radius: 2px; }
mark.d2 { background: var(--hl2); }
mark.d3 { background: var(--hl3); }
mark.off { background: transparent; cursor: auto; }
mark.lit, mark.focus { outline: 2px solid #1a73e8; }
.item { border: 1px solid var(--line); border-left: 4px solid var(--muted); border-radius: 6px; padding: .4rem .6rem; background: #fcfcfd; font-size: .9rem; }
.item.focus, .item.lit { box-shadow: 0 0 0 2px #1a73e8; }
.item[data-family="actors"] { border-left-color: #7b61ff; }
.item[data-family="quotes"] { border-left-color: #0b8043; }
.item[data-family="claims"] { border-left-color: #d93025; }
.item[data-family="events"] { border-left-color: #1a73e8; }
.item[data-family="terms"] { border-left-color: #e37400; }
.item[data-family="facts"] { border-left-color: #9334e6; }
.blocks { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: .6rem; }
.badge { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.id { font-family: ui-monospace, monospace; font-weight: normal; }
.label { margin: 0 0 .3rem; white-space: pre-line; }
details.card { border-top: 1px dashed var(--line); padding: .3rem 0; }
details.card > summary { cursor: pointer; white-space: pre-line; }
details.card[open] > summary { font-weight: 600; }
.template { font-family: ui-monospace, monospace; font-size: .75rem; color: var(--muted); }
.choices { display: block; color: var(--muted); font-weight: normal; }
.back { margin: .3rem 0 0 1rem; white-space: pre-line; }
.back p { margin: .15rem 0; }
code { font-family: ui-monospace, monospace; font-size: .85rem; overflow-wrap: anywhere; }
ul.dropped, ul.advice { font-size: .9rem; padding-left: 1.2rem; }
ul.dropped li, ul.advice li { margin: .3rem 0; }
.hint { color: var(--muted); }
`;
