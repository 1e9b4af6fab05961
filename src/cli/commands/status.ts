/**
 * `khcl status [--failed N] [--copies N] [--binders N] [--json]`: documents per status, queue depths, the
 * failed documents with their reasons, the documents that are copies of another (left out of sums),
 * and the files that hold several documents (binders: "binder.pdf → 3 documents (pages 1–4, …)").
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { RULES_VERSION } from '../../extract/rules-version.js';
import { localize } from '../../messages.js';
import { describeDocuments } from '../../extract/segment-text.js';
import { countBinders, countByStatus, countDuplicates, duplicateDocuments, failedDocuments, latestBinders } from '../../store/index.js';
import { openRuntime } from '../../../workers/runtime.js';

/** Register `khcl status`. */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('documents per status, queue depths, failed documents with reasons')
    .option('--failed <n>', 'how many failed documents to list', '20')
    .option('--copies <n>', 'how many documents marked as copies of another to list', '20')
    .option('--binders <n>', 'how many files holding several documents to list', '20')
    .option('--json', 'print as JSON')
    .action(async (opts: { failed: string; copies: string; binders: string; json?: boolean }) => {
      const rt = await openRuntime(loadConfig());
      try {
        const documents = await countByStatus(rt.store.db);
        const queues = await rt.queue.depths();
        const failed = (await failedDocuments(rt.store.db, Math.max(0, Number(opts.failed) || 0))).map((d) => ({
          id: d.id,
          file: d.fileNames[0] ?? d.sha256,
          code: d.errorCode,
          reason: localize(d.errorCode ?? 'internal', d.error ?? '', rt.config.lang),
          at: d.updatedAt,
        }));
        const copyCount = await countDuplicates(rt.store.db);
        const copies = (await duplicateDocuments(rt.store.db, Math.max(0, Number(opts.copies) || 0))).map(({ document: d, original }) => ({
          id: d.id,
          file: d.fileNames[0] ?? d.sha256,
          format: d.format,
          duplicateOf: original.id,
          originalFile: original.fileName,
        }));
        const binderCount = await countBinders(rt.store.db);
        const binders = (await latestBinders(rt.store.db, Math.max(0, Number(opts.binders) || 0))).map(({ file, documents: docs }) => ({
          id: file.id,
          file: file.fileNames[0] ?? file.sha256,
          documents: docs,
        }));
        if (opts.json) {
          const json = { documents, rulesVersion: RULES_VERSION, queues, queueBackend: rt.queue.backend, failed, copies: { count: copyCount, latest: copies }, binders: { count: binderCount, latest: binders } };
          process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
          return;
        }
        const lines = [
          `store: ${rt.store.driver === 'postgres' ? 'PostgreSQL' : `PGlite (${rt.config.pgliteDir})`}`,
          `documents: ${Object.entries(documents).map(([s, n]) => `${s} ${n}`).join(', ')}`,
          `rules: ${RULES_VERSION} (the extraction rules of this version of khcl; \`khcl reextract --rules-before ${RULES_VERSION}\` re-runs them on documents extracted by others)`,
          rt.queue.backend === 'bullmq'
            ? `queues (${rt.config.queuePrefix}): ${Object.entries(queues)
                .map(([q, d]) => `${q} waiting ${d.waiting}, active ${d.active}, delayed ${d.delayed}, failed ${d.failed}`)
                .join('; ')}`
            : 'queues: in-process (no REDIS_URL); nothing is queued between commands',
        ];
        if (failed.length) lines.push(`failed (latest ${failed.length}):`);
        for (const f of failed) lines.push(`  #${f.id} ${f.file}: ${f.reason} [${f.code}]`);
        if (copyCount) lines.push(`copies (${copyCount}, left out of sums and lists unless --include-duplicates)${copies.length < copyCount ? `, latest ${copies.length}` : ''}:`);
        for (const c of copies) lines.push(`  #${c.id} ${c.file} is a copy of #${c.duplicateOf} ${c.originalFile ?? ''}`.trimEnd());
        if (binderCount) lines.push(`files holding several documents (${binderCount}, each document stored on its own)${binders.length < binderCount ? `, latest ${binders.length}` : ''}:`);
        for (const b of binders) lines.push(`  #${b.documents.map((d) => d.id).join(', #')} ${describeDocuments(b.file, b.documents.map((d) => d.segment))}`);
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        await rt.close();
      }
    });
}
