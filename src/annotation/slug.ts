/** Ids in annotations are slugs: lowercase ASCII letters, digits and hyphens. */
export const SLUG: RegExp = /^[a-z0-9-]+$/;

/** "Peace talks!" → "peace-talks"; accents are dropped ("Société" → "societe"). Empty when nothing is left. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
