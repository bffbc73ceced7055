/**
 * No control characters but tab and newline: they would reach terminals (an
 * escape sequence can retitle a window or write the clipboard) and Anki fields.
 */
export const PRINTABLE = /^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f]*$/;

/** Control characters made visible (\u001b), so that no message can drive the terminal it is printed on. */
export function shown(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
