// One document: its facts, its items, and for the chosen item the cells of the source table it
// was read from (GET /documents/:id/items/:ordinal/source), with their page, so a person can check
// the extraction against the original, which is one link away (GET /documents/:id/file). A
// person with a token can re-run the current rules on it (POST /documents/:id/reextract).
import { download, getJson, getToken, post, setToken } from './api.js';
import { criterionTitle, DOC_STATUS, el, FIELD, fileSize, FORM, KIND, label, mainText, percent, SCHOOL_LEVEL, segmentPages, segmentText, TASK_STATUS, vnd } from './labels.js';

const $ = (id) => document.getElementById(id);
let shown = 0; // the document on screen; a late answer for another one is dropped
let picked = ''; // the same for the item whose source cells are on screen
let pickedOrdinal; // that item's ordinal, kept when the document is reloaded after a re-extraction
let shownDoc; // the document's record as last read
let onErrorOf = () => {};
let reextracting = false;
const LOW = 0.8; // OCR cells below this are marked for a second look

function meta(doc) {
  const rows = [
    ['Trường', doc.school],
    ['Năm học', doc.schoolYear],
    ['Cấp học', label(SCHOOL_LEVEL, doc.schoolLevel)],
    ['Loại', `${label(KIND, doc.kind)} · ${label(FORM, doc.form)}`],
    ['Số, ngày', [doc.number, doc.place, doc.issuedOn].filter(Boolean).join(' · ')],
    ['Thông tư', doc.circular],
    ['Trạng thái', `${label(DOC_STATUS, doc.status)}${doc.error ? `: ${doc.error}` : ''}`],
    ...(doc.duplicateOf ? [['Bản sao của', `văn bản mã ${doc.duplicateOf} (cùng kế hoạch; không tính vào tổng)`]] : []),
    ...(doc.segment ? [['Trong tệp', `${segmentText(doc.segment)}; các văn bản khác của tệp: ${otherDocuments(doc)}`]] : []),
    ['Quy tắc trích xuất', doc.rulesVersion ? `phiên bản ${doc.rulesVersion}` : ''],
  ];
  $('doc-meta').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v || '—' })]));
}

/** The other documents of a binder: "mã 12 (trang 1–4), mã 41 (trang 7–9)". */
function otherDocuments(doc) {
  return (doc.documentsOfFile ?? [])
    .filter((d) => d.id !== doc.id)
    .map((d) => `mã ${d.id}${segmentPages(d.segment) ? ` (${segmentPages(d.segment)})` : ''}`)
    .join(', ') || '—';
}

function issues(doc) {
  const list = (doc.issues ?? []).filter((i) => i.severity !== 'info');
  $('doc-issues').replaceChildren(
    ...(list.length
      ? [el('details', {}, el('summary', { text: `${list.length} cảnh báo khi trích xuất` }), el('ul', {}, ...list.map((i) => el('li', { text: i.message }))))]
      : []),
  );
}

/** A cell's field; `extra:<header>` is a column the contract does not name, kept under its header. */
const fieldName = (f) => FIELD[f] ?? (f.startsWith('extra:') ? `Cột “${f.slice(6)}”` : f);

/** The item's own fields, then its source cells. */
async function showSource(doc, item, button) {
  for (const b of $('doc-items').querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === button));
  const box = $('source');
  picked = `${doc.id}/${item.ordinal}`;
  pickedOrdinal = item.ordinal;
  const fields = Object.keys(FIELD).filter((f) => item[f] != null && f !== 'standard' && f !== 'criterion' && f !== 'criterionName');
  const detail = el(
    'dl',
    { class: 'meta' },
    ...fields.flatMap((f) => [el('dt', { text: FIELD[f] }), el('dd', { text: f === 'statusText' ? `${item[f]} (${label(TASK_STATUS, item.status)})` : String(item[f]) })]),
    ...(item.budgetVnd != null ? [el('dt', { text: 'Kinh phí (đọc được)' }), el('dd', { text: vnd(item.budgetVnd) })] : []),
  );
  box.replaceChildren(el('h3', { text: criterionTitle(item) }), detail, el('p', { class: 'hint', text: 'Đang tải ô nguồn…' }));
  const src = await getJson(`documents/${doc.id}/items/${item.ordinal}/source`);
  if (picked !== `${doc.id}/${item.ordinal}`) return;
  const where = src.page ? `trang ${src.page}` : 'tệp Word, không chia trang';
  // Columns that would be all dashes are left out: DOCX has no pages (the caption says so), and
  // only OCR gives a confidence per cell. Cells in reading order: row, then column.
  const cells = [...src.cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const columns = [
    { head: 'Trường dữ liệu', cls: 'c-field', value: (c) => fieldName(c.field) },
    cells.some((c) => c.page != null) && { head: 'Trang', cls: 'num c-page', value: (c) => c.page ?? '—' },
    { head: 'Hàng, cột', cls: 'num c-rc', value: (c) => `${c.row + 1}, ${c.col + 1}` },
    cells.some((c) => c.confidence != null) && { head: 'Tin cậy', cls: 'num c-conf', value: (c) => percent(c.confidence) },
    { head: 'Nội dung ô', cls: 'cell-text', value: (c) => c.text ?? '(không có trong bố cục đã lưu)' },
  ].filter(Boolean);
  const table = el(
    'table',
    { class: columns.length > 3 ? 'grid cells wide' : 'grid cells' },
    el('caption', { text: `Ô nguồn — bảng ${src.table + 1}, hàng ${src.row + 1}, ${where} · độ tin cậy ${percent(src.confidence)}` }),
    el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { scope: 'col', class: c.cls, text: c.head })))),
    el('tbody', {}, ...cells.map((cell) => el('tr', { class: cell.confidence != null && cell.confidence < LOW ? 'low' : null }, ...columns.map((c) => el('td', { class: c.cls, text: String(c.value(cell)) }))))),
  );
  box.lastChild.replaceWith(el('div', { class: 'scroll' }, table));
}

/** The stored original, under the name the API sends it with (the last part of the stored name). */
function fileLink(doc) {
  const name = (doc.fileName ?? '').split(/[\\/:]/).pop().trim() || `document-${doc.id}`;
  const path = `documents/${doc.id}/file`;
  const error = el('small', { class: 'error', role: 'alert' });
  const link = el('a', { id: 'doc-file-link', href: path, download: name, text: `Tải bản gốc: ${name}` });
  link.addEventListener('click', (e) => {
    // A plain click is fetched (api.js download) so the token goes along where reads need one and
    // a refusal is said here; a middle or modified click (new tab, save as) follows the link.
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    error.textContent = '';
    download(path, undefined, name).catch((err) => {
      error.textContent = `Lỗi: ${err.message}`;
    });
  });
  const about = [fileSize(doc.size), doc.format ? doc.format.toUpperCase() : ''].filter(Boolean).join(' · ');
  $('doc-file').replaceChildren(link, about ? el('small', { text: about }) : null, error);
}

/** Document metadata fields, as the re-extraction report names them. */
const DOC_FIELD = {
  kind: 'Loại',
  form: 'Mẫu',
  circular: 'Thông tư',
  number: 'Số',
  place: 'Nơi ban hành',
  issuedOn: 'Ngày ban hành',
  schoolYear: 'Năm học',
  school: 'Trường',
  schoolLevel: 'Cấp học',
};
/** Item columns the page's FIELD does not name (stored forms of the same values). */
const ROW_FIELD = {
  budgetVnd: 'Kinh phí (đọc được)',
  timelineStart: 'Thời gian',
  timelineEnd: 'Thời gian',
  owners: 'Chủ trì, phối hợp',
  status: 'Mức độ thực hiện',
  extra: 'Cột khác',
  provenance: 'Vị trí ô nguồn',
  confidence: 'Độ tin cậy',
};

const touched = (c) => (c ? c.added + c.removed + Object.keys(c.fields).length : 0);

/** What a re-extraction report (POST /documents/:id/reextract) says, for one document. */
function describeReport(r, before) {
  const failed = r.failed?.[0];
  if (failed) return { ok: false, text: `Trích xuất lại không thành công: ${failed.reason}` };
  const rules = `quy tắc phiên bản ${r.rulesVersion}${before && before !== r.rulesVersion ? ` (trước: ${before})` : ''}`;
  if (!r.changed) return { ok: true, text: `Đã trích xuất lại theo ${rules}: không có thay đổi.` };
  const parts = [];
  if (r.items.added) parts.push(`thêm ${r.items.added} mục`);
  if (r.items.removed) parts.push(`bớt ${r.items.removed} mục`);
  const fields = new Map(); // label → items changed (two columns can share a label: keep the larger)
  for (const [f, n] of Object.entries(r.items.fields)) {
    const name = FIELD[f] ?? ROW_FIELD[f] ?? f;
    fields.set(name, Math.max(n, fields.get(name) ?? 0));
  }
  if (fields.size) parts.push(`đổi ${[...fields].map(([name, n]) => `${name} (${n} mục)`).join(', ')}`);
  const meta = Object.keys(r.documentFields).map((f) => DOC_FIELD[f] ?? f);
  if (meta.length) parts.push(`đổi thông tin văn bản: ${meta.join(', ')}`);
  if (touched(r.focusIssues)) parts.push('đổi bảng vấn đề trọng tâm');
  if (touched(r.monitoring)) parts.push('đổi bảng theo dõi, giám sát');
  return { ok: true, text: `Đã trích xuất lại theo ${rules}: có thay đổi — ${parts.join('; ') || 'xem lại các mục'}.` };
}

function syncReextract() {
  const noToken = !$('doc-token').value.trim();
  $('reextract').disabled = reextracting || noToken;
  $('reextract').title = noToken ? 'Nhập mã truy cập để trích xuất lại' : '';
}

/** Re-extract the document on screen, say what came of it, and show the document as it is now. */
async function reextract() {
  const id = shown;
  const before = shownDoc?.id === id ? shownDoc.rulesVersion : undefined;
  const box = $('reextract-result');
  box.className = 'outcome';
  box.textContent = 'Đang trích xuất lại…';
  reextracting = true;
  syncReextract();
  let result;
  try {
    result = describeReport(await post(`documents/${id}/reextract`), before);
    // The rows may have been replaced: read the document again, on the same item.
    if (shown === id) await load(id, pickedOrdinal);
  } catch (e) {
    result = { ok: false, text: `Lỗi: ${e.message}` };
  } finally {
    reextracting = false;
    syncReextract();
  }
  if (shown !== id) return;
  box.className = `outcome ${result.ok ? 'ok' : 'error'}`;
  box.textContent = result.text;
}

/** Wire the re-extract form (once, when the page starts). */
export function initDocActions() {
  $('doc-token').addEventListener('input', (e) => {
    setToken(e.target.value.trim());
    syncReextract();
  });
  $('reextract-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (!reextracting && shown) reextract();
  });
}

/** Read document `id` and its items and show them, with item `ordinal` chosen. */
async function load(id, ordinal) {
  const onError = onErrorOf;
  $('doc-meta').replaceChildren();
  $('doc-file').replaceChildren();
  $('reextract-form').hidden = true;
  $('doc-items').replaceChildren();
  $('source').replaceChildren();
  try {
    const [doc, page] = await Promise.all([getJson(`documents/${id}`), getJson('items', new URLSearchParams({ documentId: id, limit: 500, includeDuplicates: 'true' }))]);
    if (shown !== id) return;
    shownDoc = doc;
    $('doc-h').textContent = doc.number ? `${doc.number} — ${doc.fileName ?? ''}` : (doc.fileName ?? `Văn bản (mã ${doc.id})`);
    meta(doc);
    // Re-extraction runs the rules on the stored layout: a document whose file was never read
    // (it failed on reading, or is still waiting) has nothing to re-extract.
    $('reextract-form').hidden = !doc.hasLayout;
    fileLink(doc);
    issues(doc);
    const buttons = page.items.map((item) => {
      const button = el('button', { type: 'button', class: 'item-pick', 'aria-pressed': 'false' },
        el('strong', { text: criterionTitle(item) }), el('span', { text: mainText(item) }));
      button.addEventListener('click', () => showSource(doc, item, button).catch(onError));
      return button;
    });
    $('doc-items').replaceChildren(...buttons.map((b) => el('li', {}, b)));
    const chosen = Math.max(0, page.items.findIndex((it) => it.ordinal === ordinal));
    if (buttons.length) {
      buttons[chosen].click();
      buttons[chosen].scrollIntoView({ block: 'nearest' });
    } else $('source').replaceChildren(el('p', { class: 'hint', text: 'Văn bản chưa có mục nào.' }));
  } catch (e) {
    if (shown !== id) return;
    if (e.code === 'not.found') $('doc-h').textContent = `Không có văn bản mã ${id}`;
    onError(e);
  }
}

/** Show document `id` (the page's #/documents/:id[?item=ordinal]), with item `ordinal` chosen. */
export async function openDocument(id, ordinal, onError) {
  shown = id;
  shownDoc = undefined;
  pickedOrdinal = undefined;
  onErrorOf = onError;
  $('doc-h').textContent = `Văn bản (mã ${id})`;
  $('doc-token').value = getToken();
  $('reextract-result').replaceChildren();
  syncReextract();
  await load(id, ordinal);
}
