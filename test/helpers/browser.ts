import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM } from '../../src/cli/browser.js';

/** Debian's Chromium with the flags the tool itself uses; CI installs it (.ci/run), so tests never skip it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: DEFAULT_CHROMIUM, args: [...CHROMIUM_ARGS] });
}
