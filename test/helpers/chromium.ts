/**
 * Tests that render with Debian's Chromium (the corpus generator through playwright-core). On a
 * machine without it they are skipped with the reason in the test name; under CI they fail
 * instead, so a CI image that lost the package cannot pass by skipping.
 */
import { it } from 'vitest';
import { CHROMIUM, hasChromium } from '../../src/corpus/browser.js';

/** True when Chromium is missing; it has then registered the skipped (or, under CI, failing) test. */
export function chromiumMissing(what: string): boolean {
  if (hasChromium()) return false;
  if (process.env.CI) {
    it(`${what}: needs Chromium`, () => {
      throw new Error(`${CHROMIUM} is missing: the CI image must install it (apt-get install -y chromium) for ${what}`);
    });
  } else {
    const reason = `${what} skipped: ${CHROMIUM} not found (apt-get install -y chromium)`;
    console.warn(reason);
    it.skip(reason, () => {});
  }
  return true;
}
