/**
 * Text that breaks tools, for the hostile-input suites: control characters,
 * Anki's field separator, lone surrogates, bidi and invisible marks, combining
 * marks, markup of HTML, Anki and YAML, scripts of other directions.
 */
import fc from 'fast-check';

/** What breaks tools: controls, separators, surrogates, bidi and invisible marks, combining marks, markup, YAML's punctuation. */
export const HOSTILE_PIECES = [
  '\u0000', '\u001f', '\u0007', '\u001b[2J', '\u001b]0;pwned\u0007', '\u007f', '\u0085', '\u009b',
  '\ud800', '\udfff', '\udc00\ud800',
  '\u202e', '\u202d', '\u200f', '\u061c', '\u2066', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad',
  '\u0301', 'e\u0301', 'A\u030a', 'a\u0300\u0301\u0302\u0303\u0304\u0308\u0327', '\u0345\u0345\u0345',
  '\u2028', '\u2029', '\t', '\n', '\r', '\r\n', ' ', '  ', '\u00a0', '\u3000',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '{{c1::x}}', '{{Front}}', '}}', '::', '[sound:a.mp3]', '[$]x[/$]', '\\(x\\)', '&amp;', '&#0;',
  '"', "'", ':', ': ', ' #', '#', '- ', '&a ', '*a', '!!binary ', '%', '@', '`', '|', '>', '?', ',', '[', ']', '{', '}',
  'مرحبا', 'שלום', 'ﷺ', '😀', '👩‍👩‍👧', '🇺🇳', '\uffff', '\ufffe',
];
export const LONG_WORD = 'w'.repeat(100_000);

/** Hostile text: a few pieces, random graphemes, now and then a 100,000-character word. */
export const hostileText = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...HOSTILE_PIECES), weight: 12 },
      { arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }), weight: 3 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 4 }), weight: 3 },
      { arbitrary: fc.constant(LONG_WORD), weight: 1 },
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((pieces) => pieces.join(''));

