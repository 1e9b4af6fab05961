/**
 * Issue 17, points 5–8: what a client with a valid token can make the API store. Each case of
 * uploads.ts (also printed by `npm run reliability` with its figures) stores no more rows and
 * bytes than it owes, and answers as it should.
 */
import { describe, expect, it } from 'vitest';
import { runUploadCases, UPLOAD_CASES } from './uploads.js';

describe('uploads from a client with a valid token', () => {
  it('stores only documents, within the limits, and answers for every file', async () => {
    const results = await runUploadCases();
    for (const r of results) console.info(`${r.name}: ${r.outcome}; rows +${r.rows}, bytes +${r.bytes}, ${r.ms} ms`);
    expect(results.map((r) => r.name)).toEqual(UPLOAD_CASES.map((c) => c.name));
    expect(results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.problems.join('; ')}`)).toEqual([]);
  }, 600_000);
});
