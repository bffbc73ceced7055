/**
 * Headless Chromium for the outputs that need a browser (the handout's PDF),
 * through playwright-core, which drives an installed browser and downloads
 * none. Loaded only by the commands that need it, so start-up stays fast.
 */
import { existsSync } from 'node:fs';
import { ExitError, EXIT } from './io.js';

/** Debian's package; CHROMIUM names another binary. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Flags for a browser with no sandbox (containers), no GPU and no network of its own. */
export const CHROMIUM_ARGS: readonly string[] = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];

export interface Browser {
  /** Renders a self-contained HTML page to PDF bytes: A4 (the page's CSS leaves the size free, so it prints on Letter too). */
  pdf(html: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function chromiumPath(env: Readonly<Record<string, string | undefined>>): string {
  return env.CHROMIUM !== undefined && env.CHROMIUM !== '' ? env.CHROMIUM : DEFAULT_CHROMIUM;
}

export async function launchBrowser(env: Readonly<Record<string, string | undefined>>): Promise<Browser> {
  const executablePath = chromiumPath(env);
  if (!existsSync(executablePath)) {
    throw new ExitError(
      EXIT.failure,
      `the PDF needs Chromium, and there is none at ${executablePath}; install it (Debian: apt-get install chromium) or set CHROMIUM to its path. Nothing was written.`,
    );
  }
  const { chromium } = await import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  } catch (error) {
    throw new ExitError(EXIT.failure, `cannot start Chromium at ${executablePath}: ${(error as Error).message.split('\n')[0]}. Nothing was written.`);
  }
  const launched = browser;
  return {
    async pdf(html: string): Promise<Uint8Array> {
      // No network: the page is self-contained, and nothing in an annotation may make the browser fetch.
      const context = await launched.newContext({ offline: true, javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
        await page.setContent(html, { waitUntil: 'load' });
        return new Uint8Array(await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
      } finally {
        await context.close();
      }
    },
    close: () => launched.close(),
  };
}
