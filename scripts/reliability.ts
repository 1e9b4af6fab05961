/**
 * `npm run reliability`: the bad-input corpus (test/reliability/corpus.ts) through the real
 * pipeline on in-memory PGlite, one table row per case, then — when DATABASE_URL and REDIS_URL
 * are set — the fault scenarios' expected / stored / duplicated / lost counts; and the uploads
 * a client with a valid token can send (test/reliability/uploads.ts): rows and bytes stored, time.
 * Exit code 1 when any case fails.
 */
import { CORPUS } from '../test/reliability/corpus.js';
import { runCase, type CaseResult } from '../test/reliability/run-case.js';
import { openTestRuntime } from '../test/pipeline/support/runtime.js';
import { helpIfAsked } from './args.js';

helpIfAsked(import.meta.filename);
const only = process.argv.slice(2).join(' ').toLowerCase();
const cases = CORPUS.filter((c) => !only || c.name.toLowerCase().includes(only));
const rt = await openTestRuntime('pglite');
const results: CaseResult[] = [];
const cols = [44, 18, 18, 9, 9];
const line = (cells: string[]) => cells.map((c, i) => (i < cols.length ? c.slice(0, cols[i]).padEnd(cols[i]) : c)).join(' ');
console.log(line(['case', 'expected', 'outcome', 'time ms', 'peak MB', 'reason / problems']));
console.log('-'.repeat(130));
try {
  for (const c of cases) {
    const r = await runCase(rt, c);
    results.push(r);
    const note = r.problems.length ? `PROBLEMS: ${r.problems.join('; ')}` : (r.reason ?? '');
    console.log(line([`${r.passed ? ' ' : '✗'} ${r.name}`, r.expected, r.outcome, String(r.ms), String(r.peakRssMb), note.slice(0, 160)]));
  }
} finally {
  await rt.dispose();
}
console.log('-'.repeat(130));

// Uploads with a valid token (issue 17): what each costs in rows, bytes and time.
const { runUploadCases } = await import('../test/reliability/uploads.js');
const uploads = await runUploadCases(only);
if (uploads.length) {
  const ucols = [52, 44, 44, 6, 14, 8];
  const uline = (cells: string[]) => cells.map((c, i) => (i < ucols.length ? c.slice(0, ucols[i]).padEnd(ucols[i]) : c)).join(' ');
  console.log('\nuploads through the API (valid token):');
  console.log(uline(['case', 'expected', 'answer', 'rows', 'bytes stored', 'time ms', 'problems']));
  console.log('-'.repeat(180));
  for (const u of uploads) {
    console.log(uline([`${u.passed ? ' ' : '✗'} ${u.name}`, u.expected, u.outcome, `+${u.rows}`, `+${u.bytes.toLocaleString('en')}`, String(u.ms), u.problems.join('; ')]));
    results.push({ name: u.name, expected: u.expected, outcome: u.outcome, ms: u.ms, peakRssMb: 0, problems: u.problems, passed: u.passed });
  }
  console.log('-'.repeat(180));
}
console.log(`process peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);

if (process.env.DATABASE_URL && process.env.REDIS_URL && !only) {
  const { runFaultScenarios } = await import('../test/reliability/faults.js');
  console.log('\nfault scenarios (PostgreSQL + Redis):');
  for (const f of await runFaultScenarios()) {
    const ok = f.stored === f.expected && f.duplicated === 0 && f.lost === 0 && f.partial === 0;
    console.log(`${ok ? ' ' : '✗'} ${f.name.padEnd(44)} expected ${f.expected}  stored ${f.stored}  duplicated ${f.duplicated}  lost ${f.lost}  partial ${f.partial}  worker crashes ${f.workerCrashes}  ${f.ms} ms`);
    for (const n of f.notes) console.log(`    ${n}`);
    results.push({ name: f.name, expected: 'ok', outcome: ok ? 'ok' : 'lost/dup/partial', ms: f.ms, peakRssMb: 0, problems: [], passed: ok });
  }
}
const failedAll = results.filter((r) => !r.passed).length;
console.log(`${results.length - failedAll} passed, ${failedAll} failed`);
process.exit(failedAll ? 1 : 0);
