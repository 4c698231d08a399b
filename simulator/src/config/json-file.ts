// Reading a JSON configuration file against a typebox schema: the one place where a bad file
// becomes an error that names the file and the field.
import { readFileSync } from 'node:fs';
import { schemaErrors } from '@porttwin/contracts';
import type { Static, TSchema } from 'typebox';
import Compile from 'typebox/compile';

export type JsonFileResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Checks a parsed value against a schema, then against `extra` checks the schema cannot say. */
export function checkValue<T extends TSchema>(
  schema: T,
  value: unknown,
  extra: (value: Static<T>) => string[] = () => [],
): JsonFileResult<Static<T>> {
  const validator = Compile(schema);
  if (!validator.Check(value)) return { ok: false, errors: schemaErrors(validator.Errors(value)) };
  const errors = extra(value);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/** Reads and parses a JSON file; failure is a list with one reason. */
export function readJson(path: string): JsonFileResult<unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, errors: [`cannot read: ${(error as Error).message}`] };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${(error as Error).message}`] };
  }
}
