/**
 * Recall of a draft against an annotator's annotation: which of the
 * annotator's quotes the draft has (by text), with the same speaker (by the
 * speaker's name), and which of the annotator's actors it names.
 */
import { parse } from 'yaml';
import { foldForMatching } from '../../src/annotation/text-match.js';

interface Actor { id: string; name: string; aliases?: string[] }
interface Quote { speaker: string; text: string }
interface Annotation { actors?: Actor[]; quotes?: Quote[] }

export interface Recall {
  quotes: { total: number; found: number; exact: number; speakerRight: number; missed: string[]; wrongSpeaker: string[] };
  actors: { total: number; found: number; missed: string[] };
}

/** Folded for comparison: the format's equivalent marks as one, no case, no "the", no closing punctuation. */
function key(text: string): string {
  return foldForMatching(text).toLowerCase().replace(/^the\s+/, '').replace(/[\s.,;:!?'"]+$/u, '').trim();
}

function namesOf(actor: Actor): string[] {
  return [actor.name, ...(actor.aliases ?? [])].map(key);
}

/**
 * An annotator's quote is found when a draft quote has the same text, or
 * when one holds the other (a quotation the annotator split into sentences,
 * or cut short). Its speaker is right when the two speakers share a name.
 */
export function recall(draftYaml: string, goldYaml: string): Recall {
  const draft = parse(draftYaml, { schema: 'failsafe' }) as Annotation;
  const gold = parse(goldYaml, { schema: 'failsafe' }) as Annotation;
  const draftActors = new Map((draft.actors ?? []).map((a) => [a.id, a]));
  const goldActors = new Map((gold.actors ?? []).map((a) => [a.id, a]));
  const quotes: Recall['quotes'] = { total: 0, found: 0, exact: 0, speakerRight: 0, missed: [], wrongSpeaker: [] };
  for (const q of gold.quotes ?? []) {
    quotes.total++;
    const wanted = key(q.text);
    const match = (draft.quotes ?? []).find((d) => key(d.text) === wanted) ?? (draft.quotes ?? []).find((d) => key(d.text).includes(wanted) || wanted.includes(key(d.text)));
    if (match === undefined) {
      quotes.missed.push(q.text);
      continue;
    }
    quotes.found++;
    if (key(match.text) === wanted) quotes.exact++;
    const goldNames = namesOf(goldActors.get(q.speaker) ?? { id: q.speaker, name: q.speaker });
    const draftNames = namesOf(draftActors.get(match.speaker) ?? { id: match.speaker, name: match.speaker });
    if (draftNames.some((n) => goldNames.includes(n))) quotes.speakerRight++;
    else quotes.wrongSpeaker.push(`${q.text.slice(0, 50)}… (annotator: ${q.speaker}, draft: ${match.speaker})`);
  }
  const draftNames = new Set([...draftActors.values()].flatMap(namesOf));
  const actors: Recall['actors'] = { total: 0, found: 0, missed: [] };
  for (const actor of gold.actors ?? []) {
    actors.total++;
    if (namesOf(actor).some((n) => draftNames.has(n))) actors.found++;
    else actors.missed.push(actor.name);
  }
  return { quotes, actors };
}
