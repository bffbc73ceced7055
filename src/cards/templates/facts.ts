import { answerKindOf, asSentence, defineTemplate, withoutFinalStop, type CardTemplate } from '../../templates/index.js';

/** The annotator's own question (`facts:`): why, how, how many, what next (rule 14). */
export const factQuestion: CardTemplate<'facts'> = defineTemplate({
  id: 'fact-question',
  family: 'facts',
  description: 'the annotator’s free question, with its answer and the sentence that supports it',
  generate(fact) {
    const answer = withoutFinalStop(fact.answer);
    return [
      {
        kind: 'qa',
        front: fact.question.trim(),
        back: asSentence(answer),
        answer: { text: answer, kind: answerKindOf(answer), accepted: [...fact.accept] },
        asks: [`fact:${fact.id}`],
        weight: 2,
      },
    ];
  },
});
