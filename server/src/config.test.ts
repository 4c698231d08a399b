// The server's TLS settings (issue 8, transport): a certificate and key, both or neither,
// checked at start so a bad pair is named before any port opens; MQTT_PORT=off; MQTT_CA_FILE.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestCertificate, type TestCertificate } from '@porttwin/edge/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('the TLS configuration', () => {
  let certificate: TestCertificate;
  let other: TestCertificate;

  beforeAll(() => {
    certificate = createTestCertificate();
    other = createTestCertificate();
  });
  afterAll(() => {
    certificate?.dispose();
    other?.dispose();
  });

  it('is off by default: plain HTTP, MQTT on 1883, MQTTS_PORT 8883 unused', () => {
    expect(readConfig({})).toMatchObject({ tls: null, mqttPort: 1883, mqttsPort: 8883, mqttCa: null });
  });

  it('reads the certificate and key, and the MQTTS port', () => {
    const config = readConfig({ TLS_CERT_FILE: certificate.certFile, TLS_KEY_FILE: certificate.keyFile, MQTTS_PORT: '8884' });
    expect(config.tls).toEqual({
      cert: certificate.cert,
      key: certificate.key,
      certFile: certificate.certFile,
      keyFile: certificate.keyFile,
    });
    expect(config.mqttsPort).toBe(8884);
  });

  it('refuses one file without the other, naming the one given', () => {
    expect(() => readConfig({ TLS_CERT_FILE: certificate.certFile })).toThrow(
      'server: config: TLS_CERT_FILE is set without TLS_KEY_FILE: give both (PEM files) or neither',
    );
    expect(() => readConfig({ TLS_KEY_FILE: certificate.keyFile })).toThrow(
      'server: config: TLS_KEY_FILE is set without TLS_CERT_FILE: give both (PEM files) or neither',
    );
  });

  it('names the variable and path of a file it cannot read', () => {
    const missing = join(certificate.certFile, '..', 'absent.pem');
    expect(() => readConfig({ TLS_CERT_FILE: missing, TLS_KEY_FILE: certificate.keyFile })).toThrow(
      `server: config: TLS_CERT_FILE="${missing}" cannot be read: ENOENT`,
    );
    expect(() => readConfig({ TLS_CERT_FILE: certificate.certFile, TLS_KEY_FILE: missing })).toThrow(
      `TLS_KEY_FILE="${missing}" cannot be read`,
    );
  });

  it('refuses a key that is not the certificate’s, or a file that is not PEM', () => {
    expect(() => readConfig({ TLS_CERT_FILE: certificate.certFile, TLS_KEY_FILE: other.keyFile })).toThrow(
      `server: config: TLS_CERT_FILE="${certificate.certFile}" and TLS_KEY_FILE="${other.keyFile}" are not a PEM certificate and its key: `,
    );
    const notPem = join(certificate.certFile, '..', 'not.pem');
    writeFileSync(notPem, 'harbour\n');
    expect(() => readConfig({ TLS_CERT_FILE: notPem, TLS_KEY_FILE: certificate.keyFile })).toThrow(
      `TLS_CERT_FILE="${notPem}" and TLS_KEY_FILE="${certificate.keyFile}" are not a PEM certificate and its key`,
    );
  });

  it('takes MQTT_PORT=off: plain MQTT off the network', () => {
    expect(readConfig({ MQTT_PORT: 'off' }).mqttPort).toBeNull();
    expect(() => readConfig({ MQTT_PORT: 'none' })).toThrow(
      'server: config: MQTT_PORT="none" must be a port (an integer from 0 to 65535) or off',
    );
  });

  it('reads MQTT_CA_FILE for a TLS MQTT_URL, and refuses it where no TLS would use it', () => {
    expect(readConfig({ MQTT_URL: 'mqtts://broker:8883', MQTT_CA_FILE: certificate.certFile }).mqttCa).toEqual(certificate.cert);
    expect(() => readConfig({ MQTT_CA_FILE: certificate.certFile })).toThrow(
      "server: config: MQTT_CA_FILE is set but MQTT_URL is not mqtts:// or wss:// (the console's own pieces reach the embedded broker without TLS)",
    );
    expect(() => readConfig({ MQTT_URL: 'mqtts://broker:8883', MQTT_CA_FILE: '/nonexistent/ca.pem' })).toThrow(
      'server: config: MQTT_CA_FILE="/nonexistent/ca.pem" cannot be read: ENOENT',
    );
  });
});
