import { defineTemplate } from '../../src/cards/template.js';
import { asSentence } from '../../src/cards/phrasing.js';

/** "What does “reverse Nixon” mean in this story?" → the definition. */
export const termDefinition = defineTemplate({
  id: 'term-definition',
  family: 'terms',
  description: 'term → definition',
  note: { type: 'qa', ord: 0 },
  make(term) {
    return [
      {
        kind: 'qa',
        front: `What does “${term.term}” mean in this story?`,
        back: asSentence(term.definition),
        answer: { text: term.definition, kind: 'text', accepted: [] },
      },
    ];
  },
});
