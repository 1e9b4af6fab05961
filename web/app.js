// The page: upload, documents and their status, item search with a chart and exports, and one
// document's view. Plain ES modules; state lives in the form and in the URL's hash
// (#/?standard=3 for a search, #/documents/12 for a document), so reload and back keep it.
import { download, getJson, getToken, setToken, upload } from './api.js';
import { drawBudgetChart } from './chart.js';
import { initDocActions, openDocument } from './docview.js';
import { BUSY, DOC_STATUS, el, KIND, label, mainText, month, secondText, segmentText, TASK_STATUS, vnd } from './labels.js';

const $ = (id) => document.getElementById(id);
const PAGE = 50;
const DOCS_PAGE = 20;
let offset = 0;
let docsOffset = 0;
let searchSeq = 0; // answers to an older search are dropped
let docsSeq = 0; // and to an older document list (a filter typed while a list is loading)
let pollTimer;
let wasBusy = false;
let lastChart;

function showError(e, box = $('search-error')) {
  box.textContent = `Lỗi: ${e.message}`;
  box.hidden = false;
}

/** A search that failed shows its error alone: no list, count, pages or chart of an earlier search. */
function clearResults() {
  $('results').hidden = true;
  $('items').tBodies[0].replaceChildren();
  $('items-count').textContent = '';
  $('page-info').textContent = '';
  $('prev').disabled = true;
  $('next').disabled = true;
  $('chart-body').replaceChildren();
  lastChart = undefined;
}

// ---- filters ---------------------------------------------------------------------------------

/** The form as API query parameters: blanks dropped, budgets typed "250.000.000" sent as digits. */
function filterParams() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($('filters'))) {
    const value = k.startsWith('budget') ? String(v).replace(/[\s.,đ]/g, '') : String(v).trim();
    if (value) params.set(k, value);
  }
  return params;
}

function fillFilters(params) {
  for (const input of $('filters').elements) if (input.name) input.value = params.get(input.name) ?? '';
}

/**
 * The chart's kinds: what the kind filter says, else plans only (the chart's own choice): a report
 * states no budget, and its items would add bars of 0 đ.
 */
function chartKind(filter) {
  const chosen = filter.get('kind');
  const select = $('chart-kind');
  select.disabled = !!chosen;
  const kind = chosen || select.value;
  $('chart-note').textContent = kind === 'plan'
    ? 'Chỉ tính kế hoạch: báo cáo không ghi kinh phí.'
    : chosen ? 'Theo bộ lọc "Loại văn bản".' : 'Tính cả báo cáo (báo cáo không ghi kinh phí: 0 đ).';
  return kind;
}

async function runSearch() {
  const seq = ++searchSeq;
  const filter = filterParams();
  history.replaceState(null, '', `#/${String(filter) ? `?${filter}` : ''}`);
  const paged = new URLSearchParams(filter);
  paged.set('limit', PAGE);
  paged.set('offset', offset);
  const sums = new URLSearchParams(filter);
  sums.set('by', 'standard');
  sums.set('kind', chartKind(filter));
  try {
    const [page, agg] = await Promise.all([getJson('items', paged), getJson('aggregates', sums)]);
    if (seq !== searchSeq) return;
    $('search-error').hidden = true;
    $('results').hidden = false;
    renderItems(page);
    lastChart = agg;
    drawBudgetChart($('chart-body'), agg);
  } catch (e) {
    if (seq !== searchSeq) return;
    clearResults();
    showError(e);
  }
}

function renderItems(page) {
  const rows = page.items.map((it) =>
    el(
      'tr',
      {},
      el('td', { class: 'c-doc' }, el('a', { href: `#/documents/${it.documentId}?item=${it.ordinal}`, text: it.school ?? `Văn bản (mã ${it.documentId})` }),
        el('small', { text: [it.schoolYear, label(KIND, it.kind)].filter(Boolean).join(' · ') })),
      el('td', { class: 'c-crit' }, el('strong', { text: it.criterion ?? it.rowNo ?? '—' }),
        el('small', { text: it.criterionName ?? it.criterionRegistryName ?? '' })),
      el('td', { class: 'c-text', 'data-label': 'Mục tiêu / Nội dung' }, el('div', { class: 'clamp', text: mainText(it), title: mainText(it) })),
      el('td', { class: 'c-text', 'data-label': 'Giải pháp / Kết quả' }, el('div', { class: 'clamp', text: secondText(it), title: secondText(it) })),
      el('td', { class: 'c-owner', 'data-label': 'Phụ trách' }, el('div', { class: 'clamp', text: it.owner ?? '' }),
        el('small', { text: [month(it.timelineStart), month(it.timelineEnd)].filter(Boolean).join(' – ') })),
      el('td', { class: 'c-money num', 'data-label': 'Kinh phí', title: it.budgetText ?? '', text: vnd(it.budgetVnd) }),
      el('td', { class: 'c-status', 'data-label': 'Trạng thái', text: it.status ? label(TASK_STATUS, it.status) : (it.statusText ?? '') }),
    ),
  );
  $('items').tBodies[0].replaceChildren(...rows);
  // Plans have no status: an always-empty column would take the room the text needs.
  $('items').classList.toggle('no-status', !page.items.some((it) => it.status || it.statusText));
  const first = page.total ? page.offset + 1 : 0;
  const last = page.offset + page.items.length;
  // A searched list counts to a cap (the API's totalExact false): "more than" that many.
  const total = page.totalExact === false ? `hơn ${page.total}` : `${page.total}`;
  $('items-count').textContent = page.total ? `Tìm thấy ${total} mục` : 'Không có mục nào khớp bộ lọc.';
  $('page-info').textContent = page.total ? `${first}–${last} / ${total}` : '';
  $('prev').disabled = page.offset === 0;
  $('next').disabled = page.totalExact !== false && last >= page.total;
}

/**
 * A filter form that runs `run` as the user types (after a pause), picks or resets, once the form
 * is valid: a half-typed value ("2024-") would only earn a 400.
 */
function liveForm(form, run) {
  let timer;
  const soon = (delay) => {
    clearTimeout(timer);
    if (!form.checkValidity()) return;
    timer = setTimeout(run, delay);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (form.reportValidity()) soon(0);
  });
  form.addEventListener('change', (e) => e.target.tagName === 'SELECT' && soon(0));
  form.addEventListener('input', (e) => e.target.tagName === 'INPUT' && soon(350));
  form.addEventListener('reset', () => soon(0));
}

/** Previous / next buttons that move a list `size` rows back or forth. */
function pager(prev, next, size, move) {
  $(prev).addEventListener('click', () => move(-size));
  $(next).addEventListener('click', () => move(size));
}

// ---- documents -------------------------------------------------------------------------------

function docFilterParams() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($('doc-filters'))) if (String(v).trim()) params.set(k, String(v).trim());
  return params;
}

async function refreshDocs() {
  clearTimeout(pollTimer);
  const seq = ++docsSeq;
  const params = docFilterParams();
  params.set('limit', DOCS_PAGE);
  params.set('offset', docsOffset);
  try {
    const page = await getJson('documents', params);
    if (seq !== docsSeq) return;
    $('docs-error').hidden = true;
    renderDocs(page, params.size > 2);
    const busy = page.documents.some((d) => BUSY.has(d.status));
    $('docs-busy').hidden = !busy;
    // Poll only while something is being processed; when it settles, its items are searchable.
    if (busy) pollTimer = setTimeout(refreshDocs, 1500);
    else if (wasBusy) runSearch();
    wasBusy = busy;
  } catch (e) {
    if (seq !== docsSeq) return;
    // A bad filter value: its error alone, not the list of another filter.
    $('docs').tBodies[0].replaceChildren();
    $('docs-page').textContent = '';
    $('docs-empty').hidden = true;
    showError(e, $('docs-error'));
  }
}

function renderDocs(page, filtered) {
  const { documents, total } = page;
  $('docs-empty').hidden = documents.length > 0;
  $('docs-empty').textContent = filtered ? 'Không có văn bản nào khớp bộ lọc.' : 'Chưa có văn bản nào.';
  const years = new Set([...$('years').options].map((o) => o.value).concat(documents.map((d) => d.schoolYear).filter(Boolean)));
  $('years').replaceChildren(...[...years].sort().reverse().map((y) => el('option', { value: y })));
  $('docs').tBodies[0].replaceChildren(
    ...documents.map((d) =>
      el(
        'tr',
        { 'data-status': d.status },
        el('td', { class: 'c-number', text: d.number ?? '—' }),
        el('td', { class: 'c-file' }, el('a', { href: `#/documents/${d.id}`, text: d.fileName ?? `Văn bản (mã ${d.id})` }), el('small', { text: d.school ?? '' }),
          d.segment ? el('small', { class: 'segment', text: segmentText(d.segment) }) : null),
        el('td', { class: 'c-year', text: d.schoolYear ?? '—' }),
        el('td', { text: label(KIND, d.kind) }),
        el('td', { class: 'c-docstatus' }, el('span', { class: `status s-${d.status}`, text: label(DOC_STATUS, d.status) }),
          d.error ? el('small', { class: 'error', text: d.error }) : null,
          d.duplicateOf ? el('small', { text: `bản sao của văn bản mã ${d.duplicateOf}, không tính vào tổng` }) : null),
        el('td', { class: 'num', text: d.status === 'stored' ? d.itemCount : '' }),
      ),
    ),
  );
  const first = total ? page.offset + 1 : 0;
  const last = page.offset + documents.length;
  $('docs-page').textContent = total ? `${first}–${last} / ${total}` : '';
  $('docs-prev').disabled = page.offset === 0;
  $('docs-next').disabled = last >= total;
}

/** What became of each uploaded file, said for a person. */
const OUTCOME = {
  queued: (f) =>
    f.retried
      ? `trước đây bị lỗi (${f.retried.reason}); đã nhận lại và đang xử lý lại`
      : 'đã nhận, đang chờ xử lý; theo dõi ở danh sách Văn bản',
  duplicate: (f) => (f.sameAs ? `trùng nội dung với ${f.sameAs}, chỉ lưu một lần` : 'đã có trong hệ thống, không lưu lại'),
  refused: (f) => `không nhận: ${f.reason}`,
  'passed-over': (f) => `bỏ qua: ${f.reason}`,
};

/** "Đã nhận 2 tệp · 1 tệp đã có · 3 tệp không nhận". */
function countsLine(c) {
  const parts = [
    c.queued && `Đã nhận ${c.queued} tệp`,
    c.duplicate && `${c.duplicate} tệp đã có`,
    c.refused && `${c.refused} tệp không nhận`,
    c['passed-over'] && `${c['passed-over']} tệp bỏ qua (không phải văn bản)`,
  ].filter(Boolean);
  return parts.join(' · ');
}

async function onUpload(event) {
  event.preventDefault();
  const input = $('files');
  const button = event.submitter ?? $('upload-form').querySelector('button');
  if (!input.files.length) return;
  button.disabled = true;
  $('upload-result').replaceChildren(el('li', { text: 'Đang tải lên…' }));
  try {
    const { files, counts } = await upload([...input.files]);
    $('upload-result').replaceChildren(
      el('li', { class: 'counts', text: countsLine(counts) }),
      ...files.map((f) => el('li', { class: f.status === 'refused' ? 'error' : '', 'data-status': f.status, text: `${f.name}: ${(OUTCOME[f.status] ?? (() => f.status))(f)}` })),
    );
    input.value = '';
    showChosen();
    wasBusy = true; // a duplicate is stored already: refresh the search once anyway
    docsOffset = 0;
    refreshDocs();
  } catch (e) {
    $('upload-result').replaceChildren(el('li', { class: 'error', text: `Lỗi: ${e.message}` }));
  } finally {
    button.disabled = false;
  }
}

// ---- routing ---------------------------------------------------------------------------------

function route() {
  const doc = /^#\/documents\/(\d+)(?:\?item=(\d+))?/.exec(location.hash);
  $('list-view').hidden = !!doc;
  $('doc-view').hidden = !doc;
  if (doc) {
    openDocument(Number(doc[1]), doc[2] == null ? undefined : Number(doc[2]), (e) => showError(e, $('source')));
    $('doc-h').focus();
    return;
  }
  $('token').value = getToken(); // the document view may have changed it
  fillFilters(new URLSearchParams(location.hash.split('?')[1] ?? ''));
  offset = 0;
  runSearch();
  refreshDocs();
}

function showChosen() {
  const names = [...$('files').files].map((f) => f.name);
  $('file-names').textContent = names.length ? `Đã chọn: ${names.join(', ')}` : 'Chưa chọn tệp.';
}

function initFilePicker() {
  const input = $('files');
  const drop = $('drop');
  input.addEventListener('change', showChosen);
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    input.files = e.dataTransfer.files;
    showChosen();
  });
}

function init() {
  initFilePicker();
  $('token').value = getToken();
  $('token').addEventListener('input', (e) => setToken(e.target.value.trim()));
  $('upload-form').addEventListener('submit', onUpload);
  initDocActions();
  liveForm($('filters'), () => {
    offset = 0;
    runSearch();
  });
  pager('prev', 'next', PAGE, (by) => {
    offset = Math.max(0, offset + by);
    runSearch();
  });
  $('chart-kind').addEventListener('change', () => runSearch());
  liveForm($('doc-filters'), () => {
    docsOffset = 0;
    refreshDocs();
  });
  pager('docs-prev', 'docs-next', DOCS_PAGE, (by) => {
    docsOffset = Math.max(0, docsOffset + by);
    refreshDocs();
  });
  for (const format of ['csv', 'xlsx']) {
    $(`export-${format}`).addEventListener('click', async (e) => {
      const params = filterParams();
      params.set('format', format);
      e.target.disabled = true;
      try {
        await download('items/export', params);
      } catch (err) {
        showError(err);
      } finally {
        e.target.disabled = false;
      }
    });
  }
  // The chart is drawn at the container's width: redraw when that changes.
  new ResizeObserver(() => lastChart && drawBudgetChart($('chart-body'), lastChart)).observe($('chart-body'));
  addEventListener('hashchange', route);
  route();
}

init();
