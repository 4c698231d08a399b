// A compiled schema's errors as the people who wrote the file read them: the field's path with
// dots, then what is wrong with it. Every file and message checked against a schema says it so.

/** Errors of a compiled schema as "field.path: message", at most `limit`. */
export function schemaErrors(errors: Iterable<{ instancePath: string; message: string }>, limit = 10): string[] {
  return [...errors].slice(0, limit).map((error) => `${error.instancePath.slice(1).replaceAll('/', '.') || '(root)'}: ${error.message}`);
}
