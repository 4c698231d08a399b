// The simulator's errors: each names what failed and the input that caused it.
import { redactUrl } from '@porttwin/contracts';

/** A site layout file that cannot be read, is not JSON, or breaks the layout schema. */
export class SiteFileError extends Error {
  override name = 'SiteFileError';
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`simulator: site file ${path}: ${detail}`);
  }
}

/** The MQTT broker could not be reached (or refused us) at start. */
export class BrokerConnectError extends Error {
  override name = 'BrokerConnectError';
  /** The broker's URL without its password: the error may be logged whole. */
  readonly url: string;
  constructor(url: string, detail: string) {
    super(`simulator: cannot connect to MQTT broker at ${redactUrl(url)}: ${detail}`);
    this.url = redactUrl(url);
  }
}

/** A flow or scenario file that cannot be read, is not JSON, or breaks its schema. */
export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
  constructor(
    readonly what: 'flow file' | 'scenario file',
    readonly path: string,
    detail: string,
  ) {
    super(`simulator: ${what} ${path}: ${detail}`);
  }
}
