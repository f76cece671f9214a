// The rows an import left out, with the reason for each, as a CSV that Excel opens (UTF-8 with BOM).
import type { APIRoute } from 'astro';
import { translate } from '#src/i18n/index.ts';
import { describeProblems } from '#src/lib/imports/import-columns.ts';
import { loadImport } from '#src/lib/imports/imports.server.ts';
import { fileName } from '#src/lib/downloads/file-name.ts';
import { csvResponse } from '#src/lib/server/csv.ts';
import { getDb } from '#src/lib/server/db.ts';
import { refusalResponse } from '#src/lib/server/errors.ts';

export const GET: APIRoute = ({ params, url, locals }) => {
  if (!locals.actor) return new Response(null, { status: 401 });
  const importId = Number(params.id);
  if (!Number.isInteger(importId) || importId <= 0) return new Response(null, { status: 404 });
  const locale = url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
  let staged;
  try {
    staged = loadImport(getDb(), { actor: locals.actor, importId });
  } catch (error) {
    return refusalResponse(error);
  }
  return csvResponse(
    [
      [translate(locale, 'import.line'), translate(locale, 'import.reason'), ...staged.table.headers],
      ...staged.rejected.map((row) => [row.line, describeProblems(locale, staged.kind, row.problems), ...row.cells]),
    ],
    // Named after the file imported: 未导入的行_刘家屯村贫困户.csv.
    fileName([translate(locale, 'download.rejected'), staged.fileName.replace(/\.[^.]*$/, '')], 'csv'),
    fileName([translate('en', 'download.rejected'), String(importId)], 'csv'),
  );
};
