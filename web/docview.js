// One document: its facts, its items, and for the chosen item the cells of the source table it
// was read from (GET /documents/:id/items/:ordinal/source), with their page, so a person can check
// the extraction against the original.
import { getJson } from './api.js';
import { criterionTitle, DOC_STATUS, el, FIELD, FORM, KIND, label, mainText, percent, SCHOOL_LEVEL, TASK_STATUS, vnd } from './labels.js';

const $ = (id) => document.getElementById(id);
let shown = 0; // the document on screen; a late answer for another one is dropped
let picked = '';
const LOW = 0.8; // OCR cells below this are marked for a second look // the same for the item whose source cells are on screen

function meta(doc) {
  const rows = [
    ['Trường', doc.school],
    ['Năm học', doc.schoolYear],
    ['Cấp học', label(SCHOOL_LEVEL, doc.schoolLevel)],
    ['Loại', `${label(KIND, doc.kind)} · ${label(FORM, doc.form)}`],
    ['Số, ngày', [doc.number, doc.place, doc.issuedOn].filter(Boolean).join(' · ')],
    ['Thông tư', doc.circular],
    ['Trạng thái', `${label(DOC_STATUS, doc.status)}${doc.error ? `: ${doc.error}` : ''}`],
  ];
  $('doc-meta').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v || '—' })]));
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
    { class: 'grid cells' },
    el('caption', { text: `Ô nguồn — bảng ${src.table + 1}, hàng ${src.row + 1}, ${where} · độ tin cậy ${percent(src.confidence)}` }),
    el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { scope: 'col', class: c.cls, text: c.head })))),
    el('tbody', {}, ...cells.map((cell) => el('tr', { class: cell.confidence != null && cell.confidence < LOW ? 'low' : null }, ...columns.map((c) => el('td', { class: c.cls, text: String(c.value(cell)) }))))),
  );
  box.lastChild.replaceWith(table);
}

/** Show document `id` (the page's #/documents/:id[?item=ordinal]), with item `ordinal` chosen. */
export async function openDocument(id, ordinal, onError) {
  shown = id;
  $('doc-h').textContent = `Văn bản số ${id}`;
  $('doc-meta').replaceChildren();
  $('doc-items').replaceChildren();
  $('source').replaceChildren();
  try {
    const [doc, page] = await Promise.all([getJson(`documents/${id}`), getJson('items', new URLSearchParams({ documentId: id, limit: 500 }))]);
    if (shown !== id) return;
    $('doc-h').textContent = doc.fileName ? `${doc.fileName} (số ${doc.id})` : `Văn bản số ${doc.id}`;
    meta(doc);
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
    onError(e);
  }
}
