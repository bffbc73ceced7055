import { asSentence, contentWords, defineTemplate, needsThe, withoutFinalStop, withSubjectNamed, type CardTemplate } from '../../templates/index.js';

/** Characters on each side of the term's evidence in which the article must give its definition. */
export const DEFINITION_REACH = 400;

/** "YORP effect", "Doppler shift": a name before a common noun makes a thing that takes "the". */
function commonHead(term: string): boolean {
  return !/^(the|a|an)\s/i.test(term) && /^\S*\p{Lu}\S*(\s+\S+)*\s+\p{Ll}+$/u.test(term);
}

/** A title the article puts in quotation marks ('Borovik's "Mathematics under the microscope" blog'): no "the" before it. */
function quotedTitle(term: string, article: string): boolean {
  return article.includes(`"${term}"`) || article.includes(`“${term}”`);
}

/** "What does “reverse Nixon” mean in this story?" → the definition, when the article gives it. */
export const termDefinition: CardTemplate<'terms'> = defineTemplate({
  id: 'term-definition',
  family: 'terms',
  description: 'term → definition',
  generate(term, context) {
    // "Mad cow disease; the first US case led to …": the meaning is the answer, the rest goes to the back's extra.
    const [meaning = term.definition, ...more] = term.definition.split(/;\s*/);
    const rest = more.join('; ');
    // A definition the article does not give is general knowledge, not the article's fact (rule 13).
    const words = contentWords(meaning).filter((w) => !contentWords(term.term).includes(w));
    // Where the article uses the term, not anywhere in it: a definition pieced together from words
    // scattered over the story ("sources that are not used up") is the annotator's general knowledge.
    const text = context.annotation.article.text;
    const at = term.evidence?.offset;
    const near = at === undefined ? text : text.slice(Math.max(0, at - DEFINITION_REACH), at + DEFINITION_REACH);
    const article = new Set(contentWords(near));
    const given = words.filter((w) => article.has(w) || article.has(w.replace(/s$/, '')) || article.has(`${w}s`)).length;
    if (words.length > 0 && given * 5 < words.length * 3) {
      context.advise({
        message: `term '${term.id}': the article does not give this definition where it uses the term (${given} of ${words.length} of its words are there)`,
        hint: 'define the term in the words the article uses, or leave it out',
      });
      return [];
    }
    if (context.actors.namesAnActor(term.term)) {
      context.advise({
        message: `term '${term.id}': '${term.term}' is a name of an actor, which the actor's own cards ask`,
        hint: 'add it to the actor\'s aliases, or leave the term out',
      });
      return [];
    }
    // A name ("H.R.1424", "the Detroit Walk to Freedom") is something; a word means something.
    const named = /^(the\s+)?[\p{Lu}\p{N}]/u.test(term.term);
    return [
      {
        kind: 'qa',
        // "What is the “YORP effect”?": "the" where English puts it, outside the term's own words.
        front: named
          ? `What is ${!quotedTitle(term.term, context.annotation.article.text) && (needsThe(term.term, context.annotation.article.text, 'organization') || commonHead(term.term)) ? 'the ' : ''}“${term.term}” in this story?`
          : `What does “${term.term}” mean in this story?`,
        back: asSentence(withSubjectNamed(meaning, context.actors, context.annotation.article.title)),
        answer: { text: withoutFinalStop(meaning), kind: 'text', accepted: [] },
        ...(rest !== '' && { extra: asSentence(withSubjectNamed(rest, context.actors, context.annotation.article.title)) }),
        asks: [`term:${term.term.toLowerCase()}`],
      },
    ];
  },
});
