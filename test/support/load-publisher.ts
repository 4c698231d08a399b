// A device fleet in a process of its own: publishes `count` QoS 1 telemetry messages
// round-robin over `devices` assets as fast as the broker acknowledges them, keeping
// `window` unacknowledged at a time, then prints {published, elapsedMs} as JSON.
// Usage: node --import tsx test/support/load-publisher.ts '<json options>'
import mqtt from 'mqtt';

interface LoadOptions {
  url: string;
  count: number;
  devices: number;
  site: string;
  window: number;
  /** Added to every seq, so repeated runs against one database stay distinct. */
  seqBase: number;
  /** Messages per second to aim at; 0 = as fast as the broker acknowledges. */
  ratePerSec: number;
}

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
// Reconnects and re-sends what was not acknowledged if the broker restarts mid-run.
const client = await mqtt.connectAsync(options.url, {
  clientId: `porttwin-load-${process.pid}`,
  protocolVersion: 5,
  clean: true,
  reconnectPeriod: 300,
});
const topics = Array.from({ length: options.devices }, (_, index) => `porttwin/v1/${options.site}/gate/LOAD-${index}/telemetry`);
const started = performance.now();
let sent = 0;
let acked = 0;
await new Promise<void>((resolve, reject) => {
  const pump = () => {
    // Paced runs stay at or below ratePerSec since the start.
    const allowed =
      options.ratePerSec > 0
        ? Math.min(options.count, Math.floor(((performance.now() - started) / 1000) * options.ratePerSec) + 1)
        : options.count;
    if (options.ratePerSec > 0 && sent < options.count) setTimeout(pump, 5);
    while (sent < allowed && sent - acked < options.window) {
      const index = sent;
      sent += 1;
      const payload = `{"ts":${Date.now()},"seq":${options.seqBase + Math.floor(index / options.devices)},"metrics":{"queueLength":${index % 17},"laneOpen":1}}`;
      client.publish(topics[index % options.devices]!, payload, { qos: 1 }, (error) => {
        if (error) return reject(error);
        acked += 1;
        if (acked === options.count) resolve();
        else if (options.ratePerSec === 0) pump();
      });
    }
  };
  pump();
});
const elapsedMs = performance.now() - started;
await client.endAsync();
process.stdout.write(`${JSON.stringify({ published: acked, elapsedMs })}\n`);
