import { describe, expect, it } from 'vitest';
import { ANONYMOUS_DEVELOPMENT_RIGHTS, mayPublish, maySubscribe, topicRights } from './topic-rights';

const gateLane = topicRights({ type: 'device', site: 'demo-port', kind: 'gate', assetId: 'GL-IN-1' });
const sitePublisher = topicRights({ type: 'publisher', site: 'demo-port' });
const gateway = topicRights({ type: 'gateway' });

describe('topic rights', () => {
  it('let a device publish under its own topics only', () => {
    expect(mayPublish(gateLane, 'porttwin/v1/demo-port/gate/GL-IN-1/telemetry')).toBe(true);
    expect(mayPublish(gateLane, 'porttwin/v1/demo-port/gate/GL-IN-1/status')).toBe(true);
    expect(mayPublish(gateLane, 'porttwin/v1/demo-port/gate/GL-IN-10/telemetry')).toBe(false);
    expect(mayPublish(gateLane, 'porttwin/v1/demo-port/gate/GL-IN-2/telemetry')).toBe(false);
    expect(mayPublish(gateLane, 'porttwin/v1/demo-port/qc/GL-IN-1/telemetry')).toBe(false);
    expect(mayPublish(gateLane, 'porttwin/v1/other-port/gate/GL-IN-1/telemetry')).toBe(false);
    expect(mayPublish(gateLane, 'porttwin/sim/demo-port/status')).toBe(false);
  });

  it('let a device subscribe inside its own topics, and to nothing wider', () => {
    expect(maySubscribe(gateLane, 'porttwin/v1/demo-port/gate/GL-IN-1/#')).toBe(true);
    expect(maySubscribe(gateLane, '#')).toBe(false);
    expect(maySubscribe(gateLane, 'porttwin/v1/#')).toBe(false);
    expect(maySubscribe(gateLane, 'porttwin/v1/demo-port/gate/+/telemetry')).toBe(false);
    expect(maySubscribe(gateLane, '$share/g/porttwin/v1/#')).toBe(false);
  });

  it('let a site publisher publish every device topic of its site and its presence, and read nothing', () => {
    expect(mayPublish(sitePublisher, 'porttwin/v1/demo-port/truck/TRK-001/telemetry')).toBe(true);
    expect(mayPublish(sitePublisher, 'porttwin/sim/demo-port/status')).toBe(true);
    expect(mayPublish(sitePublisher, 'porttwin/v1/demo-port-2/gate/GL-IN-1/telemetry')).toBe(false);
    expect(mayPublish(sitePublisher, 'porttwin/sim/other-port/status')).toBe(false);
    expect(maySubscribe(sitePublisher, 'porttwin/v1/demo-port/#')).toBe(false);
  });

  it('let a gateway subscribe to the device namespace, shared or not, and publish nothing', () => {
    expect(maySubscribe(gateway, 'porttwin/v1/#')).toBe(true);
    expect(maySubscribe(gateway, 'porttwin/v1/demo-port/#')).toBe(true);
    expect(maySubscribe(gateway, '$share/porttwin/porttwin/v1/#')).toBe(true);
    expect(maySubscribe(gateway, '#')).toBe(false);
    expect(maySubscribe(gateway, '+/v1/#')).toBe(false);
    expect(maySubscribe(gateway, 'porttwin/#')).toBe(false);
    expect(maySubscribe(gateway, '$share/porttwin/#')).toBe(false);
    expect(maySubscribe(gateway, '$share//porttwin/v1/#')).toBe(false);
    expect(maySubscribe(gateway, '$SYS/#')).toBe(false);
    expect(mayPublish(gateway, 'porttwin/v1/demo-port/gate/GL-IN-1/telemetry')).toBe(false);
  });

  it('let anonymous development clients do anything', () => {
    expect(mayPublish(ANONYMOUS_DEVELOPMENT_RIGHTS, 'anything/at/all')).toBe(true);
    expect(maySubscribe(ANONYMOUS_DEVELOPMENT_RIGHTS, '#')).toBe(true);
  });
});
