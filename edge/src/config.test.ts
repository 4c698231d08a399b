import { describe, expect, it } from 'vitest';
import { readEdgeConfig } from './config';
import { createTestCertificate } from './test-certificate';

const required = { MQTT_URL: 'mqtt://broker:1883', DATABASE_URL: 'postgres://db/porttwin' };

describe('edge configuration', () => {
  it('needs a broker and a database', () => {
    expect(() => readEdgeConfig({ MQTT_URL: 'mqtt://broker:1883' })).toThrow(/MQTT_URL and DATABASE_URL/);
  });

  it('names a gateway id that cannot name a folder', () => {
    expect(() => readEdgeConfig({ ...required, EDGE_GATEWAY_ID: '../etc' })).toThrow(/EDGE_GATEWAY_ID="..\/etc"/);
  });

  it('names a malformed journal bound', () => {
    expect(() => readEdgeConfig({ ...required, EDGE_JOURNAL_MAX_BYTES: 'lots' })).toThrow(/EDGE_JOURNAL_MAX_BYTES="lots"/);
  });

  it("keeps each gateway's journal in a folder of its own by default", () => {
    expect(readEdgeConfig({ ...required, EDGE_GATEWAY_ID: 'edge-b' })).toMatchObject({
      gatewayId: 'edge-b',
      journalDir: 'data/journal/edge-b',
      topicFilter: 'porttwin/v1/#',
      siteFile: null,
    });
  });

  it('reads MQTT_CA_FILE for an mqtts:// broker, naming an unreadable one or one no TLS would use', () => {
    const certificate = createTestCertificate();
    try {
      const tls = { ...required, MQTT_URL: 'mqtts://broker:8883' };
      expect(readEdgeConfig({ ...tls, MQTT_CA_FILE: certificate.certFile }).mqttCa).toEqual(certificate.cert);
      expect(readEdgeConfig(tls).mqttCa).toBeNull();
      expect(() => readEdgeConfig({ ...tls, MQTT_CA_FILE: '/nonexistent/ca.pem' })).toThrow(
        'edge: MQTT_CA_FILE="/nonexistent/ca.pem" cannot be read: ENOENT',
      );
      expect(() => readEdgeConfig({ ...required, MQTT_CA_FILE: certificate.certFile })).toThrow(
        'edge: MQTT_CA_FILE is set but MQTT_URL is not mqtts:// or wss:// (TLS); the CA would go unused',
      );
    } finally {
      certificate.dispose();
    }
  });

  it('checks assets against the layout in SITE_FILE when it is set', () => {
    expect(readEdgeConfig({ ...required, SITE_FILE: '/etc/porttwin/harbour.json' }).siteFile).toBe('/etc/porttwin/harbour.json');
  });
});
