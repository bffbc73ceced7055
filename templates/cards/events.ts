import { defineTemplate } from '../../src/cards/template.js';
import { asSentence } from '../../src/cards/phrasing.js';

/** "When did this happen? …" → the event's date, as the annotation writes it. */
export const eventWhen = defineTemplate({
  id: 'event-when',
  family: 'events',
  description: 'when the event happened',
  note: { type: 'qa', ord: 0 },
  make(event) {
    return [
      {
        kind: 'qa',
        front: `When did this happen? ${asSentence(event.what)}`,
        back: event.when,
        answer: { text: event.when, kind: 'date', accepted: [] },
        ...(event.where !== undefined && { extra: `Where: ${event.where}` }),
      },
    ];
  },
});

/** "Where did this happen? …", when the annotation knows where. */
export const eventWhere = defineTemplate({
  id: 'event-where',
  family: 'events',
  description: 'where the event happened, when known',
  note: { type: 'qa', ord: 0 },
  make(event) {
    if (event.where === undefined) return [];
    return [
      {
        kind: 'qa',
        front: `Where did this happen? ${asSentence(event.what)}`,
        back: event.where,
        answer: { text: event.where, kind: 'text', accepted: [] },
        extra: `When: ${event.when}`,
      },
    ];
  },
});
