import { commonErrors as errors } from './common.errors';

/**
 * The fields of a partial update that the client sent (undefined = leave as
 * is; null = clear). Fields in `required` cannot be cleared (BAD_USER_INPUT).
 */
export function changesOf<T extends object>(input: T, fields: readonly (keyof T)[], required: readonly (keyof T)[] = []): Partial<T> {
  const out: Partial<T> = {};
  for (const f of fields) {
    const v = input[f];
    if (v === undefined) continue;
    if (v === null && required.includes(f)) throw errors.fieldRequired(f);
    out[f] = v;
  }
  return out;
}
