// A self-signed certificate made at test time with Debian's openssl CLI, for the tests of TLS
// on the broker, the console and the clients. It is its own CA: a client given it as `ca`
// verifies the server; one not given it refuses the server.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  /** PEM files, as TLS_CERT_FILE, TLS_KEY_FILE and MQTT_CA_FILE take them. */
  certFile: string;
  keyFile: string;
  cert: Buffer;
  key: Buffer;
  dispose(): void;
}

/** A P-256 certificate for localhost and 127.0.0.1, valid for a day, in a folder of its own. */
export function createTestCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'porttwin-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'pipe' },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const detail =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no openssl on this machine (apt-get install openssl)' : String(error);
    throw new Error(`test: cannot make a self-signed certificate: ${detail}`);
  }
  return {
    certFile,
    keyFile,
    cert: readFileSync(certFile),
    key: readFileSync(keyFile),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
