/**
 * The columns of item, sum and link exports, shared by CSV and XLSX. Each column has the
 * contract's field name (`header`: the name in JSON and the API) and what an analyst calls it
 * (`label`, Vietnamese, the words of the documents' own table headers); exports head their columns
 * with the labels unless asked for the field names (`--headers en`, `headers=en`). `type` tells
 * XLSX which cells are numbers.
 */
import type { SumGroup, SumResult } from './aggregates.js';
import type { ItemRecord } from './items.js';
import type { LinkResult } from './link.js';

/** How a column's cells are written: text, whole numbers, amounts in đồng (thousands format), ratios. */
export type ColumnType = 'text' | 'int' | 'vnd' | 'ratio';

/** The words a column is headed with: Vietnamese labels (default) or the contract's field names. */
export const HEADER_LANGS = ['vi', 'en'] as const;
export type HeaderLang = (typeof HEADER_LANGS)[number];

/** One export column: its field name, its Vietnamese label, its type and how to read it from a row. */
export interface Column<T> {
  /** The contract's field name. */
  header: string;
  /** The column's name for a Vietnamese reader. */
  label: string;
  type: ColumnType;
  /** XLSX column width in characters. */
  width: number;
  value(row: T): string | number | null;
}

/** The header a column gets in an export. */
export const headerOf = <T>(c: Column<T>, headers: HeaderLang): string => (headers === 'en' ? c.header : c.label);

const text = <T>(header: keyof T & string, label: string, width = 30): Column<T> => ({ header, label, type: 'text', width, value: (r) => (r[header] as string | null) ?? null });
const int = <T>(header: keyof T & string, label: string, width = 10): Column<T> => ({ header, label, type: 'int', width, value: (r) => (r[header] as number | null) ?? null });

/** Every column of an item export, in reading order. */
export const ITEM_COLUMNS: Column<ItemRecord>[] = [
  int('documentId', 'Mã văn bản'),
  int('duplicateOf', 'Bản sao của văn bản', 11),
  int('ordinal', 'Thứ tự mục', 8),
  text('school', 'Trường', 36),
  text('schoolYear', 'Năm học', 11),
  text('schoolLevel', 'Cấp học', 14),
  text('kind', 'Loại văn bản', 8),
  text('form', 'Mẫu', 14),
  text('circular', 'Thông tư', 10),
  int('standard', 'Tiêu chuẩn', 9),
  text('criterion', 'Tiêu chí', 9),
  text('criterionName', 'Tên tiêu chí (theo văn bản)'),
  text('criterionRegistryName', 'Tên tiêu chí (theo thông tư)'),
  int('level', 'Mức', 6),
  text('rowNo', 'TT', 6),
  text('content', 'Nội dung cải tiến', 50),
  text('target', 'Kết quả cần đạt', 50),
  text('solution', 'Giải pháp', 50),
  text('support', 'Điều kiện hỗ trợ khác'),
  text('indicator', 'Chỉ số đánh giá'),
  text('evidence', 'Minh chứng dự kiến'),
  text('owner', 'Chủ trì, phối hợp'),
  { header: 'owners', label: 'Người phụ trách (tách riêng)', type: 'text', width: 30, value: (r) => (r.owners?.length ? r.owners.join('; ') : null) },
  text('timeline', 'Thời gian'),
  text('timelineStart', 'Bắt đầu (tháng)', 12),
  text('timelineEnd', 'Kết thúc (tháng)', 12),
  text('budgetText', 'Kinh phí (như văn bản ghi)'),
  { header: 'budgetVnd', label: 'Kinh phí (đồng)', type: 'vnd', width: 18, value: (r) => r.budgetVnd },
  text('fundingSource', 'Nguồn kinh phí'),
  text('statusText', 'Mức độ thực hiện', 16),
  text('status', 'Trạng thái', 12),
  text('planned', 'Kế hoạch đầu năm', 40),
  text('adjusted', 'Kế hoạch điều chỉnh', 40),
  text('done', 'Đã hoàn thành', 40),
  text('inProgress', 'Đang triển khai', 40),
  text('notDone', 'Chưa triển khai', 40),
  text('note', 'Ghi chú'),
  { header: 'confidence', label: 'Độ tin cậy', type: 'ratio', width: 11, value: (r) => r.confidence },
];

/** Columns of a sum export: the key fields the dimension has, then the totals. */
export function sumColumns(result: SumResult): Column<SumGroup>[] {
  const keys = new Set(result.groups.flatMap((g) => Object.keys(g.key)));
  const labels: Record<string, string> = {
    circular: 'Thông tư',
    standard: 'Tiêu chuẩn',
    criterion: 'Tiêu chí',
    name: 'Tên',
    school: 'Trường',
    schoolYear: 'Năm học',
    schoolLevel: 'Cấp học',
    fundingSource: 'Nguồn kinh phí',
  };
  const keyColumns: Column<SumGroup>[] = Object.keys(labels)
    .filter((k) => keys.has(k))
    .map((k) => ({
      header: k,
      label: labels[k],
      type: k === 'standard' ? 'int' : 'text',
      width: k === 'name' || k === 'school' || k === 'fundingSource' ? 40 : 12,
      value: (g) => (g.key as Record<string, string | number | null>)[k] ?? null,
    }));
  return [
    ...keyColumns,
    { header: 'items', label: 'Số mục', type: 'int', width: 8, value: (g) => g.items },
    { header: 'withBudget', label: 'Số mục có kinh phí', type: 'int', width: 11, value: (g) => g.withBudget },
    { header: 'totalVnd', label: 'Tổng kinh phí (đồng)', type: 'vnd', width: 20, value: (g) => g.totalVnd },
    { header: 'documents', label: 'Số văn bản', type: 'int', width: 10, value: (g) => g.documents },
  ];
}

/** One planned item with its report status, flat, for CSV/XLSX. */
export interface LinkRow {
  planDocumentId: number;
  reportDocumentId: number | null;
  school: string | null;
  schoolYear: string | null;
  circular: string | null;
  standard: number | null;
  criterion: string | null;
  criterionRegistryName: string | null;
  rowNo: string | null;
  status: string;
  planned: string | null;
  owner: string | null;
  budgetVnd: number | null;
  reportDone: string | null;
  reportInProgress: string | null;
  reportNotDone: string | null;
  reportStatusText: string | null;
}

/** Every planned item of a link result as a flat row. */
export function linkRows(result: LinkResult): LinkRow[] {
  return result.links.flatMap((l) =>
    l.items.map((i) => ({
      planDocumentId: l.plan.id,
      reportDocumentId: l.report?.id ?? null,
      school: l.plan.school,
      schoolYear: l.plan.schoolYear,
      circular: l.plan.circular,
      standard: i.plan.standard,
      criterion: i.plan.criterion,
      criterionRegistryName: i.plan.criterionRegistryName,
      rowNo: i.plan.rowNo,
      status: i.status,
      planned: i.plan.content ?? i.plan.target ?? i.plan.solution,
      owner: i.plan.owner,
      budgetVnd: i.plan.budgetVnd,
      reportDone: i.report?.done ?? null,
      reportInProgress: i.report?.inProgress ?? null,
      reportNotDone: i.report?.notDone ?? null,
      reportStatusText: i.report?.statusText ?? null,
    })),
  );
}

const linkText = (header: keyof LinkRow & string, label: string, width = 30) => text<LinkRow>(header, label, width);
/** The columns of a link export, in reading order. */
export const LINK_COLUMNS: Column<LinkRow>[] = [
  int('planDocumentId', 'Mã kế hoạch', 8),
  int('reportDocumentId', 'Mã báo cáo', 8),
  linkText('school', 'Trường', 36),
  linkText('schoolYear', 'Năm học', 11),
  linkText('circular', 'Thông tư', 10),
  int('standard', 'Tiêu chuẩn', 9),
  linkText('criterion', 'Tiêu chí', 9),
  linkText('criterionRegistryName', 'Tên tiêu chí (theo thông tư)'),
  linkText('rowNo', 'TT', 6),
  linkText('status', 'Kết quả theo báo cáo', 12),
  linkText('planned', 'Nội dung kế hoạch', 50),
  linkText('owner', 'Chủ trì, phối hợp'),
  { header: 'budgetVnd', label: 'Kinh phí (đồng)', type: 'vnd', width: 18, value: (r) => r.budgetVnd },
  linkText('reportDone', 'Báo cáo: đã hoàn thành', 40),
  linkText('reportInProgress', 'Báo cáo: đang triển khai', 40),
  linkText('reportNotDone', 'Báo cáo: chưa triển khai', 40),
  linkText('reportStatusText', 'Báo cáo: mức độ thực hiện', 16),
];
