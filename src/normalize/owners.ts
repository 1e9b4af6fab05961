/**
 * The owner cell ("Chủ trì và phối hợp thực hiện", "Người chịu trách nhiệm") split into units and
 * roles: "CBQL, UBND xã, nhân dân địa phương" → ["CBQL", "UBND xã", "nhân dân địa phương"].
 */
import { foldText } from './text.js';

// "và" only as a whole word ("Hiệu trưởng và phó hiệu trưởng"), never inside another word.
const AND = /(?<![\p{L}\p{N}])và(?![\p{L}\p{N}])/u;
// Role labels the 2018 form invites: "Chủ trì: Hiệu trưởng; Phối hợp: tổ CM".
const LABEL = /(?<![\p{L}])(?:chủ trì|phối hợp)(?: thực hiện)?\s*:/giu;

/**
 * Splits an owner cell on ",", ";", "+", line breaks, leading "-" bullets and the word "và";
 * strips the "Chủ trì:"/"Phối hợp:" labels. Parts are NFC, trimmed, in order, without empty parts
 * or exact duplicates. Dashes inside a name stay ("Tổ trưởng tổ MGL – Nhỡ").
 */
export function splitOwners(text: string | null | undefined): string[] {
  if (text == null) return [];
  const lines = text.normalize('NFC').split(/[\r\n\u2028\u2029]+/);
  // A cell already folded to one line keeps its bullets as " - " (but only when it starts with one).
  const bulleted = lines.length === 1 && /^\s*[-–•*]\s/.test(lines[0]);
  const parts: string[] = [];
  for (const line of lines) {
    const pieces = bulleted ? line.split(/\s[-–•*]\s/) : [line];
    for (const piece of pieces) {
      const unlabelled = piece.replace(LABEL, ',');
      for (const part of unlabelled.split(/[,;+]/)) parts.push(...part.split(new RegExp(AND.source, 'gu')));
    }
  }
  const out: string[] = [];
  for (const part of parts) {
    const clean = foldText(part.replace(/^\s*[-–•*]+\s*/, ''))?.replace(/[\s.:;,]+$/u, '') ?? '';
    if (clean !== '' && !out.includes(clean)) out.push(clean);
  }
  return out;
}
