// One MQTT packet as the gateway receives it: a decoded device message, or a dead letter
// with the reason it breaks the contract (docs/device-contract.md).
import { decodeDeviceMessage, type DeviceMessage } from '@porttwin/contracts';
import type { DeadLetter } from '@porttwin/db';
import { deadLetter } from './dead-letters';

export interface DecodedPacket {
  message: DeviceMessage | null;
  deadLetter: DeadLetter | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a packet's topic and payload; never throws, whatever the bytes. */
export function decodePacket(topic: string, payload: Buffer, receivedAt: number, retained: boolean): DecodedPacket {
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    return {
      message: null,
      deadLetter: deadLetter(topic, payload.toString('utf8'), payload.length, receivedAt, 'payload is not valid UTF-8'),
    };
  }
  const decoded = decodeDeviceMessage({ topic, payload: text, payloadBytes: payload.length, receivedAt, retained });
  if (decoded.ok) return { message: decoded.message, deadLetter: null };
  return { message: null, deadLetter: deadLetter(topic, text, payload.length, receivedAt, decoded.reason) };
}
