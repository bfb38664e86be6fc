import { calls, type ParsedInput } from '../api/contract';

/** Jobs persist their input as JSON; it is parsed again with the call's own schema when the job runs. */
export const ImportRequestInput = calls['imports.start'].input;

export function importTitle(input: ParsedInput<'imports.start'>): string {
  const n = input.paths.length + input.uploads.length;
  const only = input.uploads.length === 1 && input.paths.length === 0 ? input.uploads[0]!.name : input.paths.length === 1 && input.uploads.length === 0 ? input.paths[0]! : null;
  return only ? `Import ${only.split(/[\\/]/).pop()}` : `Import ${n} items`;
}
