// Budget by standard as horizontal SVG bars, drawn at the container's pixel width (not a scaled
// viewBox) so the text keeps the page's size at 1280 px and at 800 px alike.
import { el, vnd } from './labels.js';

const SVG = 'http://www.w3.org/2000/svg';
const BAR = 16;
const WIDE = 700; // from this width a label and its bar share one line

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text != null) node.textContent = text;
  return node;
}

function groupLabel(g, manyCirculars) {
  const k = g.key;
  const head = k.standard == null ? 'Không rõ tiêu chuẩn' : `Tiêu chuẩn ${k.standard}`;
  const circular = manyCirculars && k.circular ? ` (TT ${k.circular})` : '';
  return k.name ? `${head}${circular}: ${k.name}` : `${head}${circular}`;
}

/** Cut a label to about what fits in `px` (SVG text does not wrap); the title keeps it whole. */
function fit(text, px) {
  const chars = Math.floor(px / 7.2);
  return text.length <= chars ? text : `${text.slice(0, chars - 1).trimEnd()}…`;
}

/** Draw `result` (GET /aggregates?by=standard) into `box`. */
export function drawBudgetChart(box, result) {
  box.replaceChildren();
  const groups = result?.groups ?? [];
  if (groups.length === 0) {
    box.append(el('p', { class: 'hint', text: 'Không có mục nào khớp bộ lọc.' }));
    return;
  }
  const t = result.total;
  box.append(el('p', { class: 'total', text: `Tổng: ${vnd(t.totalVnd)} · ${t.items} mục · ${t.documents} văn bản` }));
  const width = Math.max(240, box.clientWidth);
  const max = Math.max(1, ...groups.map((g) => g.totalVnd));
  const manyCirculars = new Set(groups.map((g) => g.key.circular)).size > 1;
  const valueRoom = 130; // the amount written after the bar
  // Wide: label column, then the bar on the same line. Narrow: the label above its bar.
  const wide = width >= WIDE;
  const labelWidth = wide ? Math.min(Math.round(width * 0.45), 520) : width;
  const barX = wide ? labelWidth + 8 : 0;
  const rowHeight = wide ? 26 : 46;
  const chart = svg('svg', { width, height: groups.length * rowHeight, role: 'img', class: 'bars' });
  chart.setAttribute('aria-label', groups.map((g) => `${groupLabel(g, manyCirculars)}: ${vnd(g.totalVnd)}`).join('; '));
  groups.forEach((g, i) => {
    const y = i * rowHeight;
    const barY = wide ? y + 5 : y + 20;
    const w = Math.max(2, Math.round(((width - barX - valueRoom) * g.totalVnd) / max));
    const row = svg('g', {});
    row.append(svg('title', {}, `${groupLabel(g, manyCirculars)}\n${vnd(g.totalVnd)} · ${g.items} mục`));
    row.append(svg('text', { x: 0, y: wide ? y + 18 : y + 14, class: 'bar-label' }, fit(groupLabel(g, manyCirculars), labelWidth)));
    row.append(svg('rect', { x: barX, y: barY, width: w, height: BAR, rx: 2, class: g.totalVnd ? 'bar' : 'bar zero' }));
    row.append(svg('text', { x: barX + w + 6, y: barY + BAR - 3, class: 'bar-value' }, vnd(g.totalVnd)));
    chart.append(row);
  });
  box.append(chart);
}
