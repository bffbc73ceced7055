/** Types of bench/synthetic.mjs, for the tests that build its classes. */
export function article(a: number, units: number): { id: string; yaml: string; text: string };
export function writeClass(dir: string, articles: number, unitsPerArticle: number): void;
export function goldenClass(dir: string): string;
