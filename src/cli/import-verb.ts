/** The file-drop verb: `ledgerbridge import FILE|FOLDER [--source] [--entity] [--full] [--partial] [--watch]`. */
import type { Command } from 'commander';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { ImportReport } from '../sources/file-drop/index.js';
import type { GlobalFlags } from './context.js';
import type { Runner } from './main.js';
import type { ImportCommandOptions } from './commands/import.js';

export function registerImportVerb(program: Command, run: Runner): void {
  program
    .command('import')
    .description('import documents from a JSON Lines or CSV file, or every such file of a folder')
    .argument('<path>', 'a .jsonl, .ndjson or .csv file, or a folder of them (name order)')
    .option('--source <name>', 'the source to import into (default: the file or folder name)')
    .option('--entity <entity>', 'the entity of records that name none (default "default")')
    .option(
      '--full',
      'the import is complete: delete documents of its kinds that it no longer lists',
    )
    .option('--partial', 'apply the valid records of a file that has rejected ones')
    .option('--watch', 'keep watching the folder; import files as they arrive (Ctrl-C stops)')
    .action(async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      await run(
        async (ctx, [target, options]) => {
          const { runImport } = await import('./commands/import.js');
          const { hasRejections } = await import('../sources/file-drop/index.js');
          const reports = await runImport(ctx, String(target), options as ImportCommandOptions);
          // The summary is already on stdout, so this failure is reported as a line on stderr.
          if (reports.some(hasRejections))
            throw rejected(
              reports.filter(hasRejections),
              Boolean((options as ImportCommandOptions).partial),
            );
        },
        args.slice(0, -1),
        command.optsWithGlobals<GlobalFlags>(),
      );
    });
}

function rejected(reports: readonly ImportReport[], partial: boolean): LedgerbridgeError {
  const files = reports.flatMap((r) => r.files.filter((f) => f.issueCount > 0));
  const records = files.reduce((n, f) => n + f.rejected, 0);
  const count = `${records} record${records === 1 ? '' : 's'} rejected`;
  const refused = files.filter((f) => !f.applied).map((f) => f.file);
  // Under --partial the catalogue's hint (which suggests --partial) would send the user round in a
  // circle — a file refused even so was refused as a whole (its CSV header): say instead that
  // importing the corrected files again leaves what was applied unchanged.
  const options = partial ? { fix: PARTIAL_FIX } : {};
  if (files.length === 1)
    return new LedgerbridgeError(
      'LB_IMPORT_REJECTED',
      refused.length > 0
        ? `${count} in ${files[0]!.file}, so nothing of it was applied`
        : `${count} in ${files[0]!.file} (its valid records were applied)`,
      options,
    );
  const applied =
    refused.length > 0 ? `not applied: ${refused.join(', ')}` : 'their valid records were applied';
  return new LedgerbridgeError(
    'LB_IMPORT_REJECTED',
    `${count} in ${files.length} files (${applied})`,
    options,
  );
}

const PARTIAL_FIX =
  'Correct what is listed (file:line, field and value) and import again: the records already applied count as unchanged.';
