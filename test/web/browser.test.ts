/**
 * The web page end to end, in a real browser: the real API (buildApi over a runtime with embedded
 * PGlite in a temp directory and the in-process queue, listening on 127.0.0.1), Debian's Chromium
 * driven by playwright-core (which never downloads a browser). Upload a plan through the page,
 * wait for it to be processed, filter, export CSV, open the document, download its original and
 * re-extract it with a token. Screenshots go to test-results/web/ for a person to look at.
 *
 * No Chromium: skipped with the reason in the test name, except under CI, where it fails, so a
 * CI image that lost the package cannot pass by silently skipping the browser.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDepsOf, buildApi, loadApiConfig, tokenHash } from '../../src/api/index.js';
import { loadConfig } from '../../src/config.js';
import { CHROMIUM, CHROMIUM_ARGS as ARGS } from '../../src/corpus/browser.js';
import { documents, items } from '../../src/store/index.js';
import { openRuntime, type Runtime } from '../../workers/runtime.js';
import { generatePlanDocx } from '../pipeline/support/generate-docx.js';

const root = join(import.meta.dirname, '..', '..');
const FIXTURE = join(root, 'fixtures', 'kh-2021-mn-thanhyen.docx');
const SHOTS = join(root, 'test-results', 'web');
const TOKEN = 'web-test-token';
const hasChromium = existsSync(CHROMIUM);

/** The real server on a free port, over a fresh data directory. */
async function startServer(): Promise<{ app: FastifyInstance; rt: Runtime; base: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'khcl-web-'));
  const rt = await openRuntime(loadConfig({ KHCL_DATA: dir }));
  const app = await buildApi(apiDepsOf(rt), loadApiConfig({ KHCL_API_TOKENS: tokenHash(TOKEN), KHCL_API_RATE_LIMIT: '0' }));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, rt, base: `${address}/`, dir };
}

describe('web page, served', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.app.close();
    await server?.rt.close();
    if (server) await rm(server.dir, { recursive: true, force: true });
  });

  it('serves web/ with content types, revalidation and no way out of the folder', async () => {
    const page = await fetch(server.base);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<html lang="vi">');
    const js = await fetch(`${server.base}app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const again = await fetch(`${server.base}app.js`, { headers: { 'if-none-match': js.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    expect((await fetch(`${server.base}style.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    for (const path of ['..%2fpackage.json', '%2e%2e/package.json', 'web/index.html', '.%2e/src/config.ts']) {
      expect((await fetch(`${server.base}${path}`)).status, path).toBe(404);
    }
    // The API is still the API.
    expect((await fetch(`${server.base}health`)).headers.get('content-type')).toContain('application/json');
  });
});

if (!hasChromium && process.env.CI) {
  it('has Chromium for the browser test', () => {
    throw new Error(`${CHROMIUM} is missing: the CI image must install it (apt-get install -y chromium) for test/web/browser.test.ts`);
  });
} else if (!hasChromium) {
  const reason = `browser test skipped: ${CHROMIUM} not found (apt-get install -y chromium)`;
  console.warn(reason);
  it.skip(reason, () => {});
} else {
  describe('web page, in Chromium', () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    let context: BrowserContext;
    let page: Page;
    let profile: string;
    const pageErrors: string[] = [];

    beforeAll(async () => {
      server = await startServer();
      profile = await mkdtemp(join(tmpdir(), 'khcl-chromium-'));
      await mkdir(SHOTS, { recursive: true });
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        args: ARGS,
        headless: true,
        viewport: { width: 1280, height: 800 },
        acceptDownloads: true,
        locale: 'vi-VN',
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (e) => pageErrors.push(String(e)));
    });
    afterAll(async () => {
      await context?.close();
      await server?.app.close();
      await server?.rt.close();
      if (profile) await rm(profile, { recursive: true, force: true });
      if (server) await rm(server.dir, { recursive: true, force: true });
    });

    it('uploads a plan, filters, exports CSV and shows source cells', { timeout: 240_000 }, async () => {
      const expected = JSON.parse(await readFile(FIXTURE.replace(/\.docx$/, '.expected.json'), 'utf8')) as {
        document: { school: string };
        items: { standard: number; criterion: string; budgetVnd: number | null }[];
      };
      const criteria3 = expected.items.filter((i) => i.standard === 3).map((i) => i.criterion);
      expect(criteria3).toEqual(['3.1', '3.2', '3.4', '3.6']);

      await page.goto(server.base);
      // A wrong token: the API's 401, said in Vietnamese, and nothing stored.
      await page.getByLabel('Mã truy cập (token)').fill('not-the-token');
      await page.getByLabel(/Chọn tệp/).setInputFiles(FIXTURE);
      await page.getByRole('button', { name: 'Tải lên' }).click();
      await expect.poll(() => page.locator('#upload-result').textContent()).toContain('Lỗi: Mã truy cập không đúng.');
      await page.getByLabel('Mã truy cập (token)').fill(TOKEN);
      await page.getByRole('button', { name: 'Tải lên' }).click();
      await expect.poll(() => page.locator('#upload-result').textContent()).toContain('kh-2021-mn-thanhyen.docx');
      // Processed: the status the documents list polls for reaches "Đã xử lý".
      await page.locator('#docs tbody tr[data-status="stored"]').waitFor({ timeout: 180_000 });
      expect(await page.locator('#docs tbody tr').first().textContent()).toContain('Đã xử lý');
      expect(await page.evaluate(() => localStorage.getItem('khcl.token'))).toBe(TOKEN);

      await page.getByLabel('Tiêu chuẩn', { exact: true }).selectOption('3');
      const criterionCells = page.locator('#items tbody td.c-crit strong');
      await expect.poll(() => criterionCells.allTextContents(), { timeout: 15_000 }).toEqual(criteria3);
      await expect.poll(() => page.locator('#items tbody').textContent()).toContain('250.000.000 đ');
      expect(await page.locator('#chart-body').textContent()).toContain('Tiêu chuẩn 3');
      expect(await page.locator('#chart-body').textContent()).toContain('355.000.000 đ');
      await page.screenshot({ path: join(SHOTS, 'list-1280.png'), fullPage: true });

      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất CSV' }).click()]);
      const bytes = await readFile((await csv.path())!);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
      const header = lines[0].split(',');
      expect(lines).toHaveLength(1 + criteria3.length);
      // Vietnamese column headers by default.
      expect(header.slice(0, 4)).toEqual(['Mã văn bản', 'Bản sao của văn bản', 'Thứ tự mục', 'Trường']);
      expect(lines.map((l) => l.split(',')[header.indexOf('Tiêu chí')]).slice(1)).toEqual(criteria3);
      expect(bytes.toString('utf8')).toContain(expected.document.school);
      expect(csv.suggestedFilename()).toMatch(/^khcl-items-.*\.csv$/);

      const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
      expect((await readFile((await xlsx.path())!)).subarray(0, 2).toString()).toBe('PK');

      // A budget range, typed the way amounts are written.
      await page.getByLabel('Kinh phí từ (đ)').fill('100.000.000');
      await expect.poll(() => criterionCells.allTextContents(), { timeout: 15_000 }).toEqual(['3.1', '3.6']);
      await page.getByLabel('Kinh phí từ (đ)').fill('');
      await expect.poll(() => criterionCells.count(), { timeout: 15_000 }).toBe(criteria3.length);

      // Accents are optional in the search: "nha ve sinh" finds "nhà vệ sinh" (3.6).
      await page.getByLabel(/Từ khoá/).fill('nha ve sinh');
      await expect.poll(() => criterionCells.allTextContents(), { timeout: 15_000 }).toEqual(['3.6']);
      await page.getByRole('button', { name: 'Xoá bộ lọc' }).click();
      await expect.poll(() => criterionCells.count(), { timeout: 15_000 }).toBe(expected.items.length);

      await page.setViewportSize({ width: 800, height: 900 });
      await page.getByLabel('Tiêu chuẩn', { exact: true }).selectOption('3');
      await expect.poll(() => criterionCells.count(), { timeout: 15_000 }).toBe(criteria3.length);
      await page.screenshot({ path: join(SHOTS, 'list-800.png'), fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);

      await page.setViewportSize({ width: 1280, height: 800 });
      await page.locator('#items tbody a').first().click();
      await expect.poll(() => page.locator('#source table.cells').count(), { timeout: 15_000 }).toBe(1);
      const source = page.locator('#source');
      expect(await source.textContent()).toContain('Khu trải nghiệm, vườn cây cho trẻ');
      expect(await source.locator('caption').textContent()).toMatch(/Ô nguồn — bảng \d+, hàng \d+/);
      await page.getByRole('button', { name: /Tiêu chí 3\.6/ }).click();
      await expect.poll(() => source.textContent()).toContain('Mở rộng nhà vệ sinh học sinh');
      await page.screenshot({ path: join(SHOTS, 'document-1280.png'), fullPage: true });
      await page.setViewportSize({ width: 800, height: 900 });
      await page.screenshot({ path: join(SHOTS, 'document-800.png'), fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
      expect(pageErrors).toEqual([]);
    });

    it('downloads the original and re-extracts the document with a token', { timeout: 240_000 }, async () => {
      // The plan, uploaded here unless the test above did (then the API says "duplicate").
      const original = await readFile(FIXTURE);
      const form = new FormData();
      form.append('file', new Blob([original]), 'kh-2021-mn-thanhyen.docx');
      const uploaded = await fetch(`${server.base}documents`, { method: 'POST', body: form, headers: { authorization: `Bearer ${TOKEN}` } });
      expect(uploaded.status).toBe(202);
      const [{ documentId: id }] = ((await uploaded.json()) as { files: { documentId: number }[] }).files;
      await expect
        .poll(async () => ((await (await fetch(`${server.base}documents/${id}/status`)).json()) as { status: string }).status, { timeout: 180_000, interval: 500 })
        .toBe('stored');
      const rules = ((await (await fetch(`${server.base}documents/${id}`)).json()) as { rulesVersion: string }).rulesVersion;
      expect(rules).toBeTruthy();
      // Make the stored rows differ from what the rules read, as an older rules version would have.
      const db = server.rt.store.db;
      await db.update(items).set({ target: 'Sửa tay để thử' }).where(and(eq(items.documentId, id), eq(items.ordinal, 0)));
      await db.update(documents).set({ rulesVersion: 'old-rules' }).where(eq(documents.id, id));

      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(server.base);
      await page.evaluate(() => localStorage.removeItem('khcl.token'));
      await page.goto(`${server.base}#/documents/${id}`);
      const itemButtons = page.locator('#doc-items button');
      await expect.poll(() => itemButtons.first().textContent(), { timeout: 15_000 }).toContain('Sửa tay để thử');
      expect(await page.locator('#doc-meta').textContent()).toContain('phiên bản old-rules');

      // The original: a real link to GET /documents/:id/file, named after the file, the same bytes.
      const link = page.getByRole('link', { name: 'Tải bản gốc: kh-2021-mn-thanhyen.docx' });
      expect(await link.getAttribute('href')).toBe(`documents/${id}/file`);
      const href = await link.evaluate((a) => (a as HTMLAnchorElement).href);
      expect(href).toBe(`${server.base}documents/${id}/file`);
      const fetched = await fetch(href);
      expect(fetched.status).toBe(200);
      expect(Buffer.from(await fetched.arrayBuffer()).equals(original)).toBe(true);
      expect(await page.locator('#doc-file').textContent()).toContain('DOCX');
      const [saved] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(saved.suggestedFilename()).toBe('kh-2021-mn-thanhyen.docx');
      expect((await readFile((await saved.path())!)).equals(original)).toBe(true);

      // Re-extract: no token, no button; a wrong one, the API's 401 and nothing reloaded.
      const tokenField = page.getByLabel('Mã truy cập (để ghi)');
      const button = page.getByRole('button', { name: 'Trích xuất lại' });
      const result = page.locator('#reextract-result');
      expect(await tokenField.inputValue()).toBe('');
      expect(await button.isDisabled()).toBe(true);
      await tokenField.fill('not-the-token');
      await button.click();
      await expect.poll(() => result.textContent()).toBe('Lỗi: Mã truy cập không đúng.');
      expect(await result.getAttribute('class')).toContain('error');
      expect(await itemButtons.first().textContent()).toContain('Sửa tay để thử');

      // The right token: what changed, the rules version, and the document as it is now.
      await tokenField.fill(TOKEN);
      await button.click();
      await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain('có thay đổi');
      const said = (await result.textContent())!;
      expect(said).toContain(`quy tắc phiên bản ${rules} (trước: old-rules)`);
      expect(said).toContain('Kết quả cần đạt (1 mục)');
      expect(await result.getAttribute('class')).toContain('ok');
      await expect.poll(() => page.locator('#doc-meta').textContent()).toContain(`phiên bản ${rules}`);
      expect(await itemButtons.first().textContent()).not.toContain('Sửa tay để thử');
      expect(await page.locator('#source table.cells').count()).toBe(1);
      await page.screenshot({ path: join(SHOTS, 'document-reextract-1280.png'), fullPage: true });
      await button.click();
      await expect.poll(() => result.textContent(), { timeout: 30_000 }).toBe(`Đã trích xuất lại theo quy tắc phiên bản ${rules}: không có thay đổi.`);
      // The token is kept like the upload's (this browser's storage), never in the address.
      expect(await page.evaluate(() => localStorage.getItem('khcl.token'))).toBe(TOKEN);
      expect(page.url()).not.toContain(TOKEN);

      // A server with no token configured says so, rather than "wrong token".
      const closed = await buildApi(apiDepsOf(server.rt), loadApiConfig({ KHCL_API_RATE_LIMIT: '0' }), { inProcessWorker: false });
      try {
        const other = `${await closed.listen({ host: '127.0.0.1', port: 0 })}/`;
        await page.goto(`${other}#/documents/${id}`);
        await tokenField.fill(TOKEN);
        await button.click();
        await expect.poll(() => result.textContent()).toContain('Máy chủ chưa cấu hình mã truy cập nào (KHCL_API_TOKENS)');
      } finally {
        await closed.close();
      }
      expect(pageErrors).toEqual([]);
    });

    it('lists documents in pages with filters and their number, says errors in Vietnamese, and fits a phone', { timeout: 300_000 }, async () => {
      const rt = server.rt;
      // 24 generated plans, the fixture plan and its school's year, and one that fails to read.
      for (let seed = 4100; seed < 4124; seed++) await rt.pipeline.processDocument((await generatePlanDocx(seed)).bytes, { fileName: `ke-hoach-${seed}.docx` });
      await rt.pipeline.processDocument(new Uint8Array(await readFile(FIXTURE)), { fileName: 'kh-2021-mn-thanhyen.docx' });
      const broken = (await generatePlanDocx(4200)).bytes;
      const half = broken.subarray(0, Math.floor(broken.length / 2));
      expect(await rt.pipeline.processDocument(half, { fileName: 'hong.docx' })).toMatchObject({ status: 'failed', code: 'file.corrupt' });
      const total = ((await (await fetch(`${server.base}documents?limit=1`)).json()) as { total: number }).total;
      expect(total).toBeGreaterThanOrEqual(26);

      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(server.base);
      const rows = page.locator('#docs tbody tr');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(20);
      expect(await page.locator('#docs-page').textContent()).toBe(`1–20 / ${total}`);
      await page.getByRole('button', { name: 'Sau ›', exact: true }).click();
      await expect.poll(() => page.locator('#docs-page').textContent()).toBe(`21–${total} / ${total}`);
      expect(await rows.count()).toBe(total - 20);
      await page.screenshot({ path: join(SHOTS, 'documents-page-2-1280.png'), fullPage: true });
      await page.getByRole('button', { name: '‹ Trước', exact: true }).click();
      await expect.poll(() => page.locator('#docs-page').textContent()).toBe(`1–20 / ${total}`);

      // By school: the plan's number (Số), not the internal id.
      await page.locator('#d-school').fill('thanh yen');
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
      expect(await rows.first().locator('td').first().textContent()).toBe('216/KH-MNS2TY');
      // By status: the failed one, its reason in Vietnamese.
      await page.locator('#d-school').fill('');
      await page.locator('#d-status').selectOption('failed');
      // The school's one row is also one row: wait for the failed one, not for a count.
      await expect.poll(() => rows.first().getAttribute('data-status'), { timeout: 15_000 }).toBe('failed');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toMatch(/Lỗi.*tệp DOCX bị hỏng, không đọc được \(chi tiết: /);
      await page.locator('#d-status').selectOption('');

      // Its document view has no re-extract form: its file was never read, there is nothing to
      // re-extract; neither has a document that does not exist.
      await rows.filter({ hasText: 'hong.docx' }).getByRole('link').click();
      await expect.poll(() => page.locator('#doc-meta').textContent(), { timeout: 15_000 }).toContain('Lỗi');
      expect(await page.locator('#reextract-form').isHidden()).toBe(true);
      await page.goto(`${server.base}#/documents/999999`);
      await expect.poll(() => page.locator('#source').textContent()).toBe('Lỗi: Không có văn bản mã 999999.');
      expect(await page.locator('#reextract-form').isHidden()).toBe(true);
      expect(await page.locator('#doc-h').textContent()).toBe('Không có văn bản mã 999999');

      // Uploads said in Vietnamese: refusals with their reason, and a failed document taken again.
      await page.goto(server.base);
      await page.getByLabel('Mã truy cập (token)').fill(TOKEN);
      const empty = join(server.dir, 'rong.docx');
      const again = join(server.dir, 'hong-lai.docx');
      await writeFile(empty, '');
      await writeFile(again, half);
      await page.getByLabel(/Chọn tệp/).setInputFiles([empty, again]);
      await page.getByRole('button', { name: 'Tải lên' }).click();
      const outcomes = page.locator('#upload-result li');
      await expect.poll(() => outcomes.count(), { timeout: 15_000 }).toBe(3);
      expect(await outcomes.allTextContents()).toEqual([
        'Đã nhận 1 tệp · 1 tệp không nhận',
        'rong.docx: không nhận: tệp rỗng (0 byte)',
        expect.stringMatching(/^hong-lai\.docx: trước đây bị lỗi \(tệp DOCX bị hỏng, không đọc được \(chi tiết: .*\)\); đã nhận lại và đang xử lý lại$/),
      ]);
      expect(await page.locator('#upload-result').textContent()).not.toContain('đã có trong hệ thống');

      // The chart counts plans unless told otherwise, and says so.
      expect(await page.locator('#chart-note').textContent()).toBe('Chỉ tính kế hoạch: báo cáo không ghi kinh phí.');
      await page.locator('#chart-kind').selectOption('plan,report');
      await expect.poll(() => page.locator('#chart-note').textContent()).toContain('Tính cả báo cáo');
      await page.locator('#chart-kind').selectOption('plan');

      // An invalid filter value (from an address typed or shared): its error alone, in Vietnamese.
      await page.goto(`${server.base}#/?schoolYear=2024`);
      await expect.poll(() => page.locator('#search-error').textContent(), { timeout: 15_000 }).toBe('Lỗi: Giá trị không hợp lệ — Năm học: phải có dạng 2024-2025.');
      expect(await page.locator('#items tbody tr').count()).toBe(0);
      expect(await page.locator('#items-count').textContent()).toBe('');
      expect(await page.locator('#chart-body').textContent()).toBe('');
      expect(await page.locator('#results').isHidden()).toBe(true);
      await page.locator('#search-h').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, 'error-vi-1280.png') });
      await page.goto(`${server.base}#/`);

      // A phone, 390 px wide: nothing wider than the screen, the documents table scrolls sideways
      // inside its box, and no word is broken across lines.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(server.base);
      await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(20);
      await expect.poll(() => page.locator('#items tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const docsBox = await page.locator('#docs').evaluate((t) => ({ box: t.parentElement!.clientWidth, table: t.scrollWidth, scroll: t.parentElement!.scrollWidth }));
      expect(docsBox.table).toBeGreaterThan(docsBox.box);
      expect(docsBox.scroll).toBeGreaterThanOrEqual(docsBox.table);
      expect(await brokenWords(page, '#docs td, #items td, #upload-result li')).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'phone-390-list.png'), fullPage: true, clip: { x: 0, y: 0, width: 390, height: 1800 } });
      await page.goto(`${server.base}#/documents/1`);
      await expect.poll(() => page.locator('#source table.cells').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await brokenWords(page, '#doc-meta dd, #doc-items button, #source td')).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'phone-390-document.png'), fullPage: true, clip: { x: 0, y: 0, width: 390, height: 1800 } });
      expect(pageErrors).toEqual([]);
    });
  });
}

/**
 * Words (runs of letters and digits: a syllable, a number) that the layout broke across two lines
 * inside the given elements. Long tokens may still break at their hyphens or slashes.
 */
function brokenWords(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const bad: string[] = [];
    for (const box of document.querySelectorAll(sel)) {
      const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of (node.textContent ?? '').matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) bad.push(m[0]);
        }
      }
    }
    return bad;
  }, selector);
}
