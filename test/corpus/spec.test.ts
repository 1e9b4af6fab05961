/**
 * The corpus generator on its own (no browser): a seed always gives the same specs and gold, the
 * gold has the fixtures' shape, and every amount and period in the gold is what its cell says —
 * checked here with a reader of the generator's own forms only, never khcl's normalizer.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { criterionExists, type RegistrySchoolLevel } from '../../src/criteria/registry.js';
import { amountInWords, cellText, corpusSpec, goldOf, HELD_OUT_WORDINGS, randomDocSpec, WORDINGS, type DocSpec } from '../../src/corpus/index.js';
import { hundredsInWords } from '../../src/corpus/money.js';
import { poolOf, type Field } from '../../src/corpus/wordings.js';

const SEEDS = Array.from({ length: 250 }, (_, i) => 1000 + i);
const specs = SEEDS.map((s) => randomDocSpec(s));
const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');

describe('document specs from a seed', () => {
  it('gives the same spec and gold for the same seed, and other documents for other seeds', () => {
    for (const seed of [1, 42, 20260714]) {
      expect(randomDocSpec(seed)).toEqual(randomDocSpec(seed));
      expect(goldOf(randomDocSpec(seed))).toEqual(goldOf(randomDocSpec(seed)));
      expect(corpusSpec(seed, 3)).toEqual(corpusSpec(seed, 3));
    }
    const golds = new Set(specs.map((s) => JSON.stringify(goldOf(s))));
    expect(golds.size).toBe(specs.length);
  });

  it('covers both forms, both kinds, every wording class, standard and level style, and one-page documents', () => {
    const seen = (f: (s: DocSpec) => string) => new Set(specs.map(f));
    expect(seen((s) => s.form)).toEqual(new Set(['criterion-rows', 'task-rows']));
    expect(seen((s) => s.kind)).toEqual(new Set(['plan', 'report']));
    expect(seen((s) => s.table.wordingMode)).toEqual(new Set(['contract', 'variant', 'unlisted', 'blank', 'numbered']));
    expect(seen((s) => s.table.standardStyle)).toEqual(new Set(['heading-rows', 'merged-column', 'absent']));
    expect(seen((s) => s.table.levelStyle)).toEqual(new Set(['column', 'tt-column', 'after-code', 'absent']));
    expect(seen((s) => s.table.headerUnit)).toEqual(new Set(['none', 'trieu', 'dong', 'vnd']));
    expect(specs.some((s) => s.table.parents.length > 0)).toBe(true);
    expect(specs.some((s) => s.layout.narrow && s.layout.orientation === 'portrait')).toBe(true);
    expect(specs.some((s) => s.layout.docxPieces > 1 && s.layout.docxContinuation)).toBe(true);
    expect(Math.max(...specs.map((s) => s.table.rows.length))).toBeGreaterThanOrEqual(20);
    const compact = SEEDS.slice(0, 20).map((s) => randomDocSpec(s, { compact: true }));
    expect(compact.every((s) => s.compact && s.table.rows.length <= 3 && s.meta.letterhead)).toBe(true);
  });

  it('writes gold in the shape of the fixtures, with real criteria of the cited circular', async () => {
    const plan = JSON.parse(await readFile(join(fixtures, 'kh-2021-mn-thanhyen.expected.json'), 'utf8'));
    const report = JSON.parse(await readFile(join(fixtures, 'bc-2021-mn-ketqua.expected.json'), 'utf8'));
    const tasks = JSON.parse(await readFile(join(fixtures, 'kh-2026-thcs-dongson.expected.json'), 'utf8'));
    for (const spec of specs) {
      const gold = goldOf(spec);
      expect(Object.keys(gold.document).sort()).toEqual(Object.keys(plan.document).sort());
      const fixture = spec.form === 'task-rows' ? tasks : spec.kind === 'plan' ? plan : report;
      expect(gold.items.length).toBeGreaterThan(0);
      for (const item of gold.items) {
        for (const key of Object.keys(fixture.items[0])) expect(item, `${spec.id} ${key}`).toHaveProperty(key);
        if (item.criterion == null) continue;
        const byLevel: Record<string, string> = { preschool: '19/2018', primary: '17/2018' };
        const circular = spec.form === 'task-rows' ? '57/2026' : (gold.document.circular ?? byLevel[spec.meta.schoolLevel] ?? '18/2018');
        expect(criterionExists(circular, spec.meta.schoolLevel as RegistrySchoolLevel, item.criterion as string), `${spec.id} ${item.criterion}`).toBe(true);
        expect(item.standard).toBe(Number((item.criterion as string).split('.')[0]));
      }
      if (spec.form === 'task-rows') {
        // A 2026-form plan lists its focus issues; a report on it carries the tasks and the monitoring only.
        if (spec.kind === 'plan') expect(Object.keys(gold.focusIssues![0]).sort()).toEqual(Object.keys(tasks.focusIssues[0]).sort());
        else expect(gold.focusIssues).toBeUndefined();
        expect(Object.keys(gold.monitoring![0]).sort()).toEqual(Object.keys(tasks.monitoring[0]).sort());
        expect(spec.body.some((b) => b.type === 'table' && b.ref === 'focus')).toBe(spec.kind === 'plan');
      }
      // The school level is always recoverable: from the school's name, or the circular cited.
      expect(gold.document.school != null || ['19/2018', '17/2018'].includes(gold.document.circular ?? '')).toBe(true);
    }
  });

  it('folds a cell the contract\'s way: lines joined by one space, NFC, empty is null', () => {
    expect(cellText(['Từ tháng', '9/2024 đến', 'tháng 5/2025'])).toBe('Từ tháng 9/2024 đến tháng 5/2025');
    expect(cellText(['  ', ''])).toBeNull();
    expect(cellText(undefined)).toBeNull();
    expect(cellText(['Ho\u0300a'])).toBe('Hòa');
  });
});

/** Amounts as the generator writes them, read back for this test only: dotted digits, "N triệu", "1,5 tỷ". */
function number(text: string): number {
  return Number(text.replace(/\./g, '').replace(',', '.'));
}

function amountsIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/(\d[\d.,]*)\s*(tỷ|triệu|tr\b)?(?:\s+(\d+)\s+triệu)?/g)) {
    const unit = m[2] === 'tỷ' ? 1e9 : m[2] ? 1e6 : 1;
    out.push(Math.round(number(m[1]) * unit + (m[3] ? Number(m[3]) * 1e6 : 0)));
  }
  return out;
}

describe('gold amounts and periods are what the cells say', () => {
  const rows = specs.flatMap((s) => s.table.rows.map((r) => ({ spec: s, row: r })));

  it('budgets: every form the generator writes', () => {
    const forms = new Set<string>();
    for (const { spec, row } of rows) {
      const b = row.budget;
      if (!b) continue;
      forms.add(b.form);
      const text = cellText(b.lines);
      const where = `${spec.id} ${row.criterion ?? row.rowNo}: ${text}`;
      switch (b.form) {
        case 'empty':
          expect(text, where).toBeNull();
          expect(b.vnd).toBeNull();
          break;
        case 'none':
          expect(text!.toLowerCase(), where).toBe('không');
          expect(b.vnd).toBe(0);
          break;
        case 'source-only':
          expect(b.vnd, where).toBeNull();
          expect(b.fundingSource).toBe(text);
          expect(/\d/.test(text!), where).toBe(false);
          break;
        case 'words':
          expect(text, where).toBe(amountInWords(b.vnd!));
          break;
        case 'restated':
          expect(amountsIn(text!)[0], where).toBe(b.vnd);
          expect(text!.toLowerCase(), where).toContain(amountInWords(b.vnd!)!.toLowerCase());
          break;
        case 'two-sources':
          expect(amountsIn(text!).reduce((a, n) => a + n, 0), where).toBe(b.vnd);
          expect(amountsIn(text!)).toHaveLength(2);
          break;
        case 'header-unit-number': {
          const scale = spec.table.headerUnit === 'trieu' ? 1e6 : 1;
          expect(Math.round(number(text!) * scale), where).toBe(b.vnd);
          expect(spec.table.headerUnit, where).not.toBe('none');
          break;
        }
        default:
          // digits, units, an amount with its source: exactly one amount in the cell.
          expect(amountsIn(text!), where).toEqual([b.vnd]);
      }
    }
    expect(forms.size).toBeGreaterThanOrEqual(14);
  });

  it('numbers in words: Vietnamese counting words', () => {
    expect(hundredsInWords(15)).toBe('mười lăm');
    expect(hundredsInWords(21)).toBe('hai mươi mốt');
    expect(hundredsInWords(105)).toBe('một trăm linh năm');
    expect(hundredsInWords(250)).toBe('hai trăm năm mươi');
    expect(amountInWords(300_000_000)).toBe('Ba trăm triệu đồng');
    expect(amountInWords(2_500_000_000)).toBe('Hai tỷ năm trăm triệu đồng');
    expect(amountInWords(12_500_000)).toBe('Mười hai triệu năm trăm nghìn đồng');
    expect(amountInWords(1_050_000_000)).toBeNull(); // "không trăm năm mươi": spelt differently by schools
  });

  it('timelines: the months decided are the months written', () => {
    const ym = (y: number | string, m: number | string) => `${y}-${String(m).padStart(2, '0')}`;
    const roman: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4 };
    const forms = new Set<string>();
    for (const { spec, row } of rows) {
      const t = row.timeline;
      if (!t) continue;
      forms.add(t.form);
      const text = cellText(t.lines) ?? '';
      const where = `${spec.id}: ${text}`;
      const years = [...text.matchAll(/(\d{4})\s*[-–]\s*(\d{4})/g)].map((m) => [Number(m[1]), Number(m[2])]);
      const months = [...text.matchAll(/(\d{1,2})\/(\d{4})/g)].map((m) => ym(m[2], m[1]));
      let want: [string | null, string | null];
      switch (t.form) {
        case 'school-year':
          want = [ym(years[0][0], 9), ym(years[0][1], 5)];
          break;
        case 'school-year-open':
        case 'from-school-year':
          want = [ym(years[0][0], 9), null];
          break;
        case 'perform-complete':
          want = [ym(years[0][0], 9), ym(years[1][1], 5)];
          break;
        case 'semester': {
          const second = /Học kỳ II/.test(text);
          want = second ? [ym(years[0][1], 1), ym(years[0][1], 5)] : [ym(years[0][0], 9), ym(years[0][1], 1)];
          break;
        }
        case 'quarter': {
          const m = /Quý (\w+)\/(\d{4})/.exec(text)!;
          const q = roman[m[1]] ?? Number(m[1]);
          want = [ym(m[2], q * 3 - 2), ym(m[2], q * 3)];
          break;
        }
        case 'year': {
          const y = /Năm (\d{4})/.exec(text)![1];
          want = [ym(y, 1), ym(y, 12)];
          break;
        }
        case 'month-range':
          want = [months[0], months[1]];
          break;
        case 'month':
          want = [months[0], months[0]];
          break;
        default:
          want = [null, null];
      }
      expect([t.start, t.end], where).toEqual(want);
      if (t.start && t.end) expect(t.start <= t.end, where).toBe(true);
    }
    expect(forms.size).toBe(11);
  });

  it('owners: the parts decided, joined the way the cell joins them', () => {
    for (const { spec, row } of rows) {
      if (!row.owners) continue;
      const text = cellText(row.cells.owner)!;
      const parts = text.split(/\s*[,;]\s*|\s+và\s+/);
      expect(parts, `${spec.id}: ${text}`).toEqual(row.owners);
    }
  });
});

describe('header wordings', () => {
  it('draws each header from the pool of its class; held-out wordings appear only as unlisted', () => {
    const listed = new Set<string>();
    for (const table of Object.values(WORDINGS)) for (const pools of Object.values(table)) for (const w of [...pools.contract, ...pools.variant]) listed.add(w);
    for (const w of HELD_OUT_WORDINGS) expect(listed.has(w), w).toBe(false);
    for (const spec of specs) {
      for (const c of spec.table.columns) {
        const { text, cls } = c.header;
        if (cls === 'blank') expect(text).toBe('');
        else if (cls === 'numbered') expect(text).toMatch(/^\(\d+\)$/);
        else if (cls === 'unlisted') expect(HELD_OUT_WORDINGS, text).toContain(text);
        else if (c.field !== 'budgetText' || spec.table.headerUnit === 'none') {
          const inPool = poolOf(spec.table.table, c.field as Field, cls).includes(text);
          // Under a parent, a report's children are the parent's short forms (variant class).
          expect(inPool || spec.table.parents.some((p) => p.cls !== 'blank'), `${spec.id} ${c.field} ${text}`).toBe(true);
        }
        if (cls === 'unlisted') expect(listed.has(text)).toBe(false);
      }
      expect(spec.wordingClasses).toEqual([...new Set([...spec.table.columns.map((c) => c.header.cls), ...spec.table.parents.map((p) => p.cls)])].sort());
    }
  });

  it('a wording mix of one class gives documents of that class only', () => {
    for (const cls of ['contract', 'unlisted', 'numbered'] as const) {
      for (const seed of SEEDS.slice(0, 30)) {
        const spec = randomDocSpec(seed, { wordingMix: { [cls]: 1 } });
        expect(spec.table.wordingMode).toBe(cls);
        if (cls === 'contract') expect(spec.wordingClasses).toEqual(['contract']);
        if (cls === 'unlisted') expect(spec.wordingClasses).toContain('unlisted');
        if (cls === 'numbered') expect(spec.wordingClasses).toEqual(['numbered']);
      }
    }
  });
});
