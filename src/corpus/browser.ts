/**
 * HTML → text PDF with Debian's Chromium, driven by playwright-core (which never downloads a
 * browser). One browser serves a whole corpus run; each document gets a fresh page.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** The flags test/web/browser.test.ts launches Chromium with: headless, no sandbox, no network chatter. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const hasChromium = (): boolean => existsSync(CHROMIUM);

export class PdfPrinter {
  private constructor(private readonly browser: Browser) {}

  static async launch(): Promise<PdfPrinter> {
    if (!hasChromium()) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to render PDFs`);
    return new PdfPrinter(await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true }));
  }

  /** Print a page of HTML (its @page rule sets the size and orientation) to PDF bytes. */
  async print(html: string): Promise<Uint8Array> {
    const page = await this.browser.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      return new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
