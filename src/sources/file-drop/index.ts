/**
 * The file drop: any PMS hands Ledgerbridge its documents as JSON Lines or CSV files in the
 * published ledger format (docs/ledger-format.md, "From your PMS to Ledgerbridge").
 *
 * - `importPath(db, fileOrFolder, options)` — what `ledgerbridge import` runs;
 * - `importFiles(db, files, options)` — the same for a list of files;
 * - `watchFolder(db, folder, options)` — what `ledgerbridge import --watch` runs;
 * - `renderImportReport(report)` — the human summary.
 *
 * @module
 */
export {
  importFiles,
  type ImportFile,
  type ImportOptions,
  type ImportProgress,
} from './import-files.js';
export { formatImportIssue, type ImportIssue, type ImportIssueCode } from './import-issue.js';
export {
  importPath,
  resolveImportTarget,
  sourceNameFrom,
  type PathImportOptions,
} from './import-path.js';
export {
  hasRejections,
  type FileSummary,
  type FullSweep,
  type ImportReport,
} from './import-report.js';
export { renderImportReport } from './report-text.js';
export { watchFolder, type WatchOptions } from './watch-folder.js';
export type { ApplyHooks, ChangeCounts } from './apply-pass.js';
