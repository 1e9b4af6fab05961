/**
 * Blocks → an HTML page for Chromium to print: A4 portrait or landscape, a Times-like serif,
 * tables with rowspan/colspan and ruled cells, header rows in <thead> (repeated on each page) or
 * not, rows kept whole or allowed to break across pages, fixed narrow columns whose words break.
 */
import type { Block, GridCell, GridTable, StyledLine } from './blocks.js';
import type { LayoutSpec } from './spec.js';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function lines(texts: string[]): string {
  return texts.map(escape).join('<br>');
}

function styled(line: StyledLine): string {
  let html = line.text ? escape(line.text) : '&nbsp;';
  if (line.underline) html = `<u>${html}</u>`;
  if (line.italic) html = `<i>${html}</i>`;
  if (line.bold) html = `<b>${html}</b>`;
  return `<div>${html}</div>`;
}

function td(c: GridCell, tag: 'td' | 'th'): string {
  const attrs = [c.colSpan ? `colspan="${c.colSpan}"` : '', c.rowSpan ? `rowspan="${c.rowSpan}"` : ''].filter(Boolean);
  const cls = [c.bold ? 'b' : '', c.center ? 'c' : ''].filter(Boolean).join(' ');
  if (cls) attrs.push(`class="${cls}"`);
  return `<${tag}${attrs.length ? ` ${attrs.join(' ')}` : ''}>${lines(c.lines)}</${tag}>`;
}

function table(t: GridTable, layout: LayoutSpec): string {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const cols = t.widths.map((w) => `<col style="width:${((100 * w) / total).toFixed(2)}%">`).join('');
  const head = t.header.map((r) => `<tr>${r.map((c) => td(c, 'th')).join('')}</tr>`).join('');
  const rowClass = layout.rowsAvoidBreak ? ' class="keep"' : '';
  const body = t.body.map((r) => `<tr${rowClass}>${r.map((c) => td(c, 'td')).join('')}</tr>`).join('');
  const headHtml = t.repeatHeader ? `<thead>${head}</thead><tbody>${body}</tbody>` : `<tbody>${head}${body}</tbody>`;
  return `<table class="grid${t.fixed ? ' fixed' : ''}"><colgroup>${cols}</colgroup>${headHtml}</table>`;
}

function block(b: Block, layout: LayoutSpec): string {
  switch (b.type) {
    case 'letterhead':
      return `<table class="lh"><tr><td>${b.left.map(styled).join('')}<div class="rule"></div></td><td>${b.right.map(styled).join('')}</td></tr></table>`;
    case 'title':
      return `<div class="title">${b.lines.map((l) => `<div>${escape(l)}</div>`).join('')}</div>`;
    case 'heading':
      return `<h2>${escape(b.text)}</h2>`;
    case 'para':
      return `<p>${escape(b.text)}</p>`;
    case 'table':
      return table(b.table, layout);
    case 'signature':
      return `<table class="sig"><tr><td>${b.left.map(styled).join('')}</td><td class="c">${b.right.map(styled).join('')}</td></tr></table>`;
  }
}

export function documentHtml(blocks: Block[], layout: LayoutSpec): string {
  const css = `
@page { size: A4 ${layout.orientation}; margin: ${layout.marginMm}mm ${layout.marginMm}mm ${layout.marginMm}mm ${layout.marginMm + 5}mm; }
html, body { margin: 0; padding: 0; }
body { font-family: '${layout.font}', 'Liberation Serif', 'DejaVu Serif', serif; font-size: ${layout.fontPt}pt; line-height: 1.2; color: #000; }
.lh, .sig { width: 100%; border-collapse: collapse; margin-bottom: 8pt; }
.lh td { width: 50%; text-align: center; vertical-align: top; padding: 0; font-size: ${Math.min(layout.fontPt, 13)}pt; white-space: nowrap; }
.lh td:first-child { white-space: normal; }
.lh .rule { width: 30%; margin: 2pt auto 0; border-top: 1px solid #000; }
.sig { margin-top: 12pt; break-inside: avoid; }
.sig td { width: 50%; vertical-align: top; font-size: 0.9em; }
.title { text-align: center; font-weight: bold; margin: 10pt 0 8pt; }
h2 { font-size: 1em; margin: 8pt 0 4pt; break-after: avoid; }
p { margin: 3pt 0; text-align: justify; text-indent: 1.2em; }
table.grid { width: 100%; border-collapse: collapse; font-size: ${layout.tablePt}pt; margin: 4pt 0 8pt; }
table.grid.fixed { table-layout: fixed; }
table.grid td, table.grid th { border: 1px solid #000; padding: 2pt 3pt; vertical-align: top; text-align: left; font-weight: normal; }
table.grid th { vertical-align: middle; }
table.grid.fixed td, table.grid.fixed th { overflow-wrap: anywhere; }
.b { font-weight: bold !important; }
.c { text-align: center !important; }
tr.keep { break-inside: avoid; }
`;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>${css}</style></head><body>${blocks.map((b) => block(b, layout)).join('\n')}</body></html>`;
}
