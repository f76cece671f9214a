import { defineAction } from 'astro:actions';
import { runImportSchema, mappingFromForm, stageImportSchema } from '../lib/imports/imports.ts';
import { runImport, stageImport } from '../lib/imports/imports.server.ts';
import { getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

/** Checks (dry run) or applies a staged import with the columns and mode chosen on the preview page. */
function runAction(dryRun: boolean) {
  return defineAction({
    accept: 'form',
    input: runImportSchema,
    handler: (input, context) =>
      act(() => {
        const actor = requireActor(context.locals.actor);
        return runImport(getDb(), { actor, importId: input.importId, mode: input.mode, mapping: mappingFromForm(input), dryRun });
      }),
  });
}

export const imports = {
  stage: defineAction({
    accept: 'form',
    input: stageImportSchema,
    handler: ({ kind, institutionId, file }, context) =>
      act(async () => {
        const actor = requireActor(context.locals.actor);
        return stageImport(getDb(), { actor, kind, institutionId, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      }),
  }),
  check: runAction(true),
  apply: runAction(false),
};
