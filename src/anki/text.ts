/**
 * Plain text → Anki field HTML, and the few text rules Anki applies itself
 * (anki-format.md §5): control characters removed, NFC, tags split on spaces.
 */
import { indexOfWords } from '../annotation/text-match.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 controls except \t and \n (\r is handled first), DEL and C1 controls. \x1f,
// Anki's field separator, is among them, so no field can ever contain it.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Text Anki will store as is: well-formed UTF-16, NFC, no control characters but `\t` and `\n`. */
export function cleanText(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .normalize('NFC');
}

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // Braces are inert in most fields, but `{{c2::…}}` in any field of a cloze
  // note would make a card of its own (anki-format.md §4).
  '{': '&#123;',
  '}': '&#125;',
};

/** Escapes text for HTML content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'{}]/g, (ch) => ENTITIES[ch] ?? ch);
}

/**
 * Escapes text for Anki field HTML, where Anki reads markup of its own:
 * `[sound:…]` and `[anki:play:…]` (played), `[latex]`, `[$]`, `[$$]` (sent to
 * LaTeX), `{{…}}` (templates, clozes). Anki 2.1.16 (`sound._soundReg`,
 * `latex.regexps`, run on the rendered card) and today's Anki find them in the
 * stored HTML, before any entity is decoded, so `&#91;` for `[` (and the braces
 * {@link escapeHtml} encodes) leaves nothing to find; the card still shows `[`.
 * `&#92;` for `\` does the same for today's cloze-in-MathJax parsing.
 */
export function ankiAttributeHtml(text: string): string {
  return escapeHtml(text).replace(/\\/g, '&#92;').replace(/\[/g, '&#91;');
}

/**
 * {@link ankiAttributeHtml} for element content. MathJax, though, reads the
 * card's text after the browser decoded the entities, and typesets between
 * `\(`…`\)` and `\[`…`\]`: a word joiner (U+2060, invisible, no space)
 * after each such backslash leaves no delimiter for it to find.
 */
export function ankiTextHtml(text: string): string {
  return escapeHtml(text).replace(/\\(?=[()[\]])/g, '&#92;&#8288;').replace(/\\/g, '&#92;').replace(/\[/g, '&#91;');
}

/** A card's plain text as field HTML: cleaned, escaped (Anki's markup too), line breaks as `<br>`. */
export function fieldHtml(text: string): string {
  return ankiTextHtml(cleanText(text)).replace(/\n/g, '<br>');
}

/**
 * The answer of a cloze as it goes between `{{c1::` and `}}`: besides the
 * escaping of {@link fieldHtml} (which already removes braces), colons are
 * encoded so that `::` cannot start a hint and cut the answer short.
 */
export function clozeAnswerHtml(text: string): string {
  return fieldHtml(text).replace(/:/g, '&#58;');
}

/** Wraps the first occurrence of `answer` in `sentence` in `<b>`, escaping both. */
export function highlightHtml(sentence: string, answer: string): string {
  const clean = cleanText(sentence);
  const needle = cleanText(answer).trim();
  const at = indexOfWords(clean, needle);
  if (at < 0) return fieldHtml(clean);
  return (
    fieldHtml(clean.slice(0, at)) +
    `<b>${fieldHtml(needle)}</b>` +
    fieldHtml(clean.slice(at + needle.length))
  );
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * Field HTML as Anki's sort field and checksum see it: comments and tags
 * removed, entities decoded (`&nbsp;` as a space, as Anki does).
 */
export function stripHtml(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (whole, dec?: string, hex?: string, name?: string) => {
      if (dec !== undefined) return safeCodePoint(Number.parseInt(dec, 10)) ?? whole;
      if (hex !== undefined) return safeCodePoint(Number.parseInt(hex, 16)) ?? whole;
      const key = (name ?? '').toLowerCase();
      // Own keys only: '&constructor;' is no entity.
      return Object.hasOwn(NAMED_ENTITIES, key) ? (NAMED_ENTITIES[key] as string) : whole;
    });
}

function safeCodePoint(code: number): string | undefined {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/**
 * A tag Anki keeps as one tag: no white space (Anki splits on space and
 * U+3000), no control characters, no empty `::` parts. Empty when nothing is left.
 * HTML-special characters become `_` too: a template or add-on that shows
 * `{{Tags}}` renders them unescaped.
 */
export function ankiTag(tag: string): string {
  const flat = cleanText(tag).trim().replace(/[\s\u3000<>&"']+/g, '_');
  if (flat === '') return '';
  return flat
    .split('::')
    .map((part) => (part === '' ? 'blank' : part))
    .join('::');
}

/** Tags as Anki stores them: deduplicated case-insensitively, sorted, `" a b "`. */
export function ankiTagString(tags: Iterable<string>): string {
  const seen = new Map<string, string>();
  for (const raw of tags) {
    const tag = ankiTag(raw);
    if (tag !== '' && !seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
  }
  const sorted = [...seen.values()].sort((a, b) => compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b));
  return sorted.length === 0 ? '' : ` ${sorted.join(' ')} `;
}

/**
 * A deck name as Anki normalizes it: parts trimmed of white space and of
 * colons (decks/name.rs: `:News` is imported as `News`), empty parts "blank".
 * `<` and `>` become `‹` and `›`: Anki 2.1.16 puts deck names into its deck
 * list as HTML (`<b>` would be bold, `<img onerror>` would run) while today's
 * escapes them (`&lt;b&gt;` would show as typed), so only a name without them
 * shows the same, and safely, in both.
 */
export function ankiDeckName(name: string): string {
  return cleanText(name)
    .replace(/[\t\n]/g, ' ')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .split('::')
    .map((part) => part.replace(/^[\s:]+|[\s:]+$/g, '') || 'blank')
    .join('::');
}

/** Code-unit order, independent of the locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
