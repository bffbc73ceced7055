/**
 * The note types newsdeck ships to Anki.
 *
 * These are a contract with every student's collection: Anki matches note types
 * by `id`, and when a known id arrives with other field or template names it
 * adds a copy and skips the notes (anki-format.md, part 1). So the ids, the
 * field names and the template names below must never change. The HTML may
 * change freely: the writer hashes it and bumps the note type's `mod`.
 */
import { NOTE_TYPE_CSS } from './style.css.js';

/** A card template: front (`qfmt`) and back (`afmt`) in Anki's template language. */
export interface NoteTypeTemplate {
  name: string;
  qfmt: string;
  afmt: string;
}

/** A note type as the writer needs it; field order is Anki's field order. */
export interface NoteTypeDefinition {
  id: number;
  name: string;
  /** 0: standard, one card per template; 1: cloze, template 0 for every card. */
  type: 0 | 1;
  fields: readonly string[];
  templates: readonly NoteTypeTemplate[];
  css: string;
}

/** The back-of-card blocks every note type shares. */
const BACK_MATTER = [
  '{{#Extra}}<div class="nd-extra">{{Extra}}</div>{{/Extra}}',
  '{{#Sentence}}<blockquote class="nd-sentence">{{Sentence}}</blockquote>{{/Sentence}}',
  '{{#Source}}<div class="nd-source">{{Source}}</div>{{/Source}}',
].join('\n');

const STORY = '{{#Story}}<div class="nd-story">{{Story}}</div>{{/Story}}';

const front = (question: string): string =>
  `<div class="nd">\n${STORY}\n<div class="nd-question">{{${question}}}</div>\n</div>`;

const back = (question: string, answer: string): string =>
  `<div class="nd">\n${STORY}\n<div class="nd-question">{{${question}}}</div>\n<hr id="answer">\n` +
  `<div class="nd-answer">{{${answer}}}</div>\n${BACK_MATTER}\n</div>`;

/** A front that is empty, so Anki generates no card, when `field` is empty. */
const conditional = (field: string, html: string): string => `{{#${field}}}${html}{{/${field}}}`;

/** Question and answer: one card per note. */
export const QA_NOTE_TYPE: NoteTypeDefinition = {
  id: 1449036127737,
  name: 'Newsdeck Q&A',
  type: 0,
  fields: ['Question', 'Answer', 'Extra', 'Story', 'Sentence', 'Source'],
  templates: [{ name: 'Question', qfmt: front('Question'), afmt: back('Question', 'Answer') }],
  css: NOTE_TYPE_CSS,
};

/**
 * An actor: card 1 asks for the role given the name; card 2 asks for the name
 * given the role, and exists only when `Role Question` is filled in (a reverse
 * card only makes sense when no other actor of the article has that role).
 */
export const ACTOR_NOTE_TYPE: NoteTypeDefinition = {
  id: 1537163421187,
  name: 'Newsdeck Actor',
  type: 0,
  fields: ['Name Question', 'Role', 'Role Question', 'Name', 'Extra', 'Story', 'Sentence', 'Source'],
  templates: [
    {
      name: 'Name to Role',
      qfmt: conditional('Name Question', front('Name Question')),
      afmt: back('Name Question', 'Role'),
    },
    {
      name: 'Role to Name',
      qfmt: conditional('Role Question', front('Role Question')),
      afmt: back('Role Question', 'Name'),
    },
  ],
  css: NOTE_TYPE_CSS,
};

/**
 * A cloze: one `{{c1::…}}` per note (one note per cloze word, so adding a word
 * never renumbers the cards of the others). `cloze:` is on both sides, as Anki
 * requires to keep the note type editable. Who said it goes in `Extra`.
 */
export const CLOZE_NOTE_TYPE: NoteTypeDefinition = {
  id: 1434242216020,
  name: 'Newsdeck Cloze',
  type: 1,
  fields: ['Text', 'Extra', 'Story', 'Sentence', 'Source'],
  templates: [
    {
      name: 'Cloze',
      qfmt: `<div class="nd">\n${STORY}\n<div class="nd-cloze">{{cloze:Text}}</div>\n</div>`,
      afmt:
        `<div class="nd">\n${STORY}\n<div class="nd-cloze">{{cloze:Text}}</div>\n<hr id="answer">\n` +
        `${BACK_MATTER}\n</div>`,
    },
  ],
  css: NOTE_TYPE_CSS,
};

/** Every note type, keyed by the `Card.note.type` that selects it. */
export const NOTE_TYPES = {
  qa: QA_NOTE_TYPE,
  actor: ACTOR_NOTE_TYPE,
  cloze: CLOZE_NOTE_TYPE,
} as const satisfies Record<string, NoteTypeDefinition>;
