import { defineAction } from 'astro:actions';
import { runImportSchema, mappingFromForm, stageImportSchema } from '../lib/imports/imports.ts';
import { queueImport, stageImport } from '../lib/imports/imports.server.ts';
import { getDb } from '../lib/server/db.ts';
import { act, requireActor } from './errors.ts';

/** Starts a check (dry run) or an import of a staged file with the columns and mode chosen on its page. */
function runAction(dryRun: boolean) {
  return defineAction({
    accept: 'form',
    input: runImportSchema,
    handler: (input, context) =>
      act(() => {
        queueImport(getDb(), { actor: requireActor(context.locals.actor), importId: input.importId, mode: input.mode, mapping: mappingFromForm(input), dryRun });
        return { importId: input.importId };
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
