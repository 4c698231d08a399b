// The frame meter reads MQTT's fixed header however the bytes are split across reads, so a
// packet over the limit is caught at its header, before its body arrives.
import { describe, expect, it } from 'vitest';
import { MqttFrameMeter } from './packet-size-limit';

/** A PUBLISH frame with a body of that many bytes: type byte, MQTT's variable-length remaining length, body. */
function publish(bodyBytes: number): Buffer {
  const length: number[] = [];
  let left = bodyBytes;
  do {
    const digit = left % 128;
    left = Math.floor(left / 128);
    length.push(left > 0 ? digit | 0x80 : digit);
  } while (left > 0);
  return Buffer.concat([Uint8Array.of(0x32, ...length), Buffer.alloc(bodyBytes, 0x61)]);
}

describe('the MQTT frame meter', () => {
  it('passes packets up to the limit, fed whole or a byte at a time', () => {
    const packets = [publish(0), publish(200), publish(20_000)];
    const limit = Math.max(...packets.map((packet) => packet.length));
    expect(new MqttFrameMeter(limit).feed(Buffer.concat(packets))).toBeNull();
    const meter = new MqttFrameMeter(limit);
    for (const byte of Buffer.concat(packets)) expect(meter.feed(Uint8Array.of(byte))).toBeNull();
  });

  it('names the size of a packet over the limit from its header alone', () => {
    const packet = publish(20_000);
    const meter = new MqttFrameMeter(packet.length - 1);
    expect(meter.feed(publish(10))).toBeNull();
    // Type byte and the 3-byte remaining length: nothing of the body yet.
    expect(meter.feed(packet.subarray(0, 2))).toBeNull();
    expect(meter.feed(packet.subarray(2, 4))).toBe(packet.length);
  });

  it('refuses a remaining length longer than MQTT allows', () => {
    expect(new MqttFrameMeter(1000).feed(Uint8Array.of(0x30, 0xff, 0xff, 0xff, 0xff))).toBe(Number.POSITIVE_INFINITY);
  });
});
