import { defineTemplate } from '../../src/cards/template.js';
import { asSentence, longDate } from '../../src/cards/phrasing.js';

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
        back: longDate(event.when),
        // Shown as "18 February 2025"; the ISO form written in the annotation is right too.
        answer: { text: longDate(event.when), kind: 'date', accepted: longDate(event.when) === event.when ? [] : [event.when] },
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
        extra: `When: ${longDate(event.when)}`,
      },
    ];
  },
});
