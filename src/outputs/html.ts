/**
 * The frame every HTML output shares: a self-contained page whose
 * Content-Security-Policy lets nothing load, and nothing run but what the
 * output itself names, whatever an annotation contains.
 */

export interface HtmlDocument {
  /** Already escaped. */
  title: string;
  style: string;
  /** A script of the output's own (never annotation text), allowed by its hash. */
  script?: { source: string; hash: string };
  body: string[];
}

export function htmlDocument(page: HtmlDocument): string {
  const scripts = page.script === undefined ? '' : `; script-src '${page.script.hash}'`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'${scripts}; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${page.title}</title>`,
    `<style>\n${page.style}\n</style>`,
    '</head>',
    '<body>',
    ...page.body,
    ...(page.script === undefined ? [] : [`<script>${page.script.source}</script>`]),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
