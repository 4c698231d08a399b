import { describe, expect, it } from 'vitest';
import { readEdgeConfig } from './config';

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

  it('checks assets against the layout in SITE_FILE when it is set', () => {
    expect(readEdgeConfig({ ...required, SITE_FILE: '/etc/porttwin/harbour.json' }).siteFile).toBe('/etc/porttwin/harbour.json');
  });
});
