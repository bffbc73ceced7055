// Synthetic classes for `npm run bench` and the byte-identity test: articles of
// realistic length (sentences of 20–40 words, names and places with diacritics),
// each sentence carrying one actor, one quotation and one claim, so that every
// card family and every cross-item rule (twins, distractors, sentence caps) runs.
// Deterministic: the same (cards, articles) always gives the same files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const GIVEN = ['Zoë', 'Ana', 'Łukasz', 'Søren', 'Inés', 'Jürgen', 'Chloé', 'Tomáš', 'Ayşe', 'Nguyễn', 'Björn', 'Émile', 'Dóra', 'Kåre', 'Renée', 'Çağla'];
const FAMILY = ['Dvořák', 'Müller', 'Østergaard', 'Núñez', 'Wójcik', 'Şahin', 'Lefèvre', 'Kovačević', 'Þórsson', 'Mäkinen', 'García', 'Székely', 'Ibáñez', 'Čapek', 'Håkansson', 'Ruíz'];
const PLACES = ['Kraków', 'São Paulo', 'Zürich', 'Reykjavík', 'Besançon', 'Łódź', 'Malmö', 'Curaçao', 'İzmir', 'Bogotá', 'Tromsø', 'Gdańsk'];
const ROLES = ['minister of transport', 'head of the harbour authority', 'mayor', 'chief economist', 'union leader', 'hospital director', 'school inspector', 'energy regulator'];
const TOPICS = ['the new tram line', 'the water tariff', 'the harbour expansion', 'the winter budget', 'the rail strike', 'the grain exports', 'the school reform', 'the wind farm'];

/** Base-16 digits spelt with syllables, so that every name is unique and looks like a word. */
function word(n) {
  const syll = ['ka', 'lo', 'mi', 're', 'su', 'to', 've', 'na', 'di', 'po', 'ga', 'fe', 'zu', 'ri', 'ho', 'be'];
  let s = '';
  do {
    s += syll[n % 16];
    n = Math.floor(n / 16);
  } while (n > 0 || s.length < 6);
  return s;
}
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * One article with `units` sentences; each unit yields about 8 cards
 * (actor role and reverse, quote cloze and speaker, claim cards, a fact).
 */
export function article(a, units) {
  const id = `synthetic-${a}`;
  const sentences = [];
  const actors = [];
  const quotes = [];
  const claims = [];
  const facts = [];
  for (let u = 0; u < units; u += 1) {
    const k = a * 100_003 + u;
    const name = `${GIVEN[k % 16]} ${FAMILY[(k >> 4) % 16]} ${cap(word(k * 8))}`;
    const role = `the ${ROLES[k % 8]} of ${cap(word(k * 8 + 7))}ville`;
    const place = PLACES[k % PLACES.length];
    const topic = TOPICS[(k >> 3) % 8];
    const said = `${word(k * 8 + 2)} ${topic.split(' ').slice(-1)[0]} must be finished before ${cap(word(k * 8 + 3))} Day`;
    const claim = `${word(k * 8 + 11)} funding for ${topic} was cut by ${(k % 90) + 5} percent last year`;
    sentences.push(
      `In ${place}, ${name}, ${role}, told reporters on Tuesday that “${said},” adding that ${claim}. ` +
        `Critics in ${place} said the ${word(k * 8 + 5)} plan would cost ${(k % 900) + 100} million euros over ${(k % 9) + 2} years.`,
    );
    const aid = `actor-${u}`;
    actors.push({ id: aid, name, kind: 'person', role });
    quotes.push({ id: `quote-${u}`, speaker: aid, text: said, cloze: [word(k * 8 + 2)] });
    claims.push({ id: `claim-${u}`, claimant: aid, stance: 'assertion', text: claim, evidence: claim });
    facts.push({
      id: `fact-${u}`,
      question: `What did critics in ${place} say the ${word(k * 8 + 5)} plan would cost?`,
      answer: `${(k % 900) + 100} million euros`,
      evidence: `the ${word(k * 8 + 5)} plan would cost ${(k % 900) + 100} million euros`,
    });
  }
  // Paragraphs of three units, each sentence on its own line, as a pasted news article.
  const paragraphs = [];
  for (let i = 0; i < sentences.length; i += 3) paragraphs.push(sentences.slice(i, i + 3).join('\n'));
  const text = `${paragraphs.join('\n\n')}\n`;
  const q = (s) => JSON.stringify(s);
  const list = (items) =>
    items.map((item) => '  - ' + Object.entries(item).map(([key, v]) => `${key}: ${Array.isArray(v) ? `[${v.map(q).join(', ')}]` : q(v)}`).join('\n    ')).join('\n');
  const yaml = [
    'format: 1',
    'article:',
    `  id: ${id}`,
    `  title: ${q(`Synthetic article ${a}: ${TOPICS[a % 8]} in ${PLACES[a % PLACES.length]}`)}`,
    '  source: Bench Gazette',
    '  published: 2025-02-20',
    `  text_file: ${id}.txt`,
    'deck:',
    `  name: ${q(`Bench::Article ${a}`)}`,
    '  tags: [bench, synthetic]',
    'actors:',
    list(actors),
    'quotes:',
    list(quotes),
    'claims:',
    list(claims),
    'facts:',
    list(facts),
    '',
  ].join('\n');
  return { id, yaml, text };
}

/** Writes `articles` articles of `unitsPerArticle` units into `dir`. */
export function writeClass(dir, articles, unitsPerArticle) {
  mkdirSync(dir, { recursive: true });
  for (let a = 0; a < articles; a += 1) {
    const { id, yaml, text } = article(a, unitsPerArticle);
    writeFileSync(join(dir, `${id}.yaml`), yaml);
    writeFileSync(join(dir, `${id}.txt`), text);
  }
}

/**
 * The class of the byte-identity test: three articles of 12 units and one of
 * 80 (about 580 cards), small enough for `npm test`, large enough that every
 * cross-item rule meets many items. Returns `dir`.
 */
export function goldenClass(dir) {
  writeClass(dir, 3, 12);
  const { id, yaml, text } = article(3, 80);
  writeFileSync(join(dir, `${id}.yaml`), yaml);
  writeFileSync(join(dir, `${id}.txt`), text);
  return dir;
}
