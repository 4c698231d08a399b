// Flow files: a JSON object overriding any part of the default flows (see flow-config.ts).
import { ConfigFileError } from '../errors';
import { checkFlowOverrides, DEFAULT_FLOW, type Flow, FlowOverrides, mergeFlow } from './flow-config';
import { checkValue, readJson } from './json-file';

/** Checks parsed flow overrides; each error names the field ("gate.inServiceSec.median: …"). */
export function checkFlowFile(value: unknown) {
  return checkValue(FlowOverrides, value, (overrides) => checkFlowOverrides(overrides, ''));
}

/** Reads a flow file and lays it over the defaults; throws ConfigFileError naming file and field. */
export function readFlowFile(path: string, base: Flow = DEFAULT_FLOW): Flow {
  const json = readJson(path);
  if (!json.ok) throw new ConfigFileError('flow file', path, json.errors.join('; '));
  const checked = checkFlowFile(json.value);
  if (!checked.ok) throw new ConfigFileError('flow file', path, checked.errors.join('; '));
  return mergeFlow(base, checked.value);
}
