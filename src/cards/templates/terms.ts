import { asSentence, withoutFinalStop } from '../phrasing.js';
import { defineTemplate, type CardTemplate } from '../template.js';

/** "What does “reverse Nixon” mean in this story?" → the definition. */
export const termDefinition: CardTemplate<'terms'> = defineTemplate({
  id: 'term-definition',
  family: 'terms',
  description: 'term → definition',
  make(term) {
    // "Mad cow disease; the first US case led to …": the meaning is the answer, the rest goes to the back's extra.
    const [meaning = term.definition, ...more] = term.definition.split(/;\s*/);
    const rest = more.join('; ');
    return [
      {
        kind: 'qa',
        front: `What does “${term.term}” mean in this story?`,
        back: asSentence(meaning),
        answer: { text: withoutFinalStop(meaning), kind: 'text', accepted: [] },
        ...(rest !== '' && { extra: asSentence(rest) }),
        asks: [`term:${term.term.toLowerCase()}`],
      },
    ];
  },
});
