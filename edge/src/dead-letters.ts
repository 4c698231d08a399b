// Dead letters: what a gateway keeps of a message it cannot store, with the reason, in a
// form the database always accepts (a dead letter that failed to insert would hold back the
// batch it rides in, which is the failure it exists to prevent).
import { type DeviceMessage, deviceTopic, toStorableText } from '@porttwin/contracts';
import type { DeadLetter } from '@porttwin/db';

/** Dead letters keep this much of the raw payload. */
const PAYLOAD_CHARS = 4096;
/** …and of the topic and the reason, which may quote what came. */
const TOPIC_CHARS = 512;
const REASON_CHARS = 1024;

/** A message that broke the contract, as it came. */
export function deadLetter(topic: string, payload: string, payloadBytes: number, receivedAt: number, reason: string): DeadLetter {
  return {
    topic: toStorableText(topic.slice(0, TOPIC_CHARS)),
    reason: toStorableText(reason.slice(0, REASON_CHARS)),
    payload: toStorableText(payload.slice(0, PAYLOAD_CHARS)),
    payloadBytes,
    receivedAt,
  };
}

/** A decoded message the database refused (a check the contract missed): kept with the database's reason. */
export function refusedMessage(message: DeviceMessage, error: unknown): DeadLetter {
  return decodedDeadLetter(message, `database refused the message: ${databaseReason(error)}`);
}

/** A decoded message that claims a site or kind its asset does not have (asset-directory.ts). */
export function misplacedMessage(message: DeviceMessage, reason: string): DeadLetter {
  return decodedDeadLetter(message, reason);
}

/** A decoded message as a dead letter: its topic rebuilt, its payload the fields it carried. */
function decodedDeadLetter(message: DeviceMessage, reason: string): DeadLetter {
  const { site, kind, assetId, channel, receivedAt, ...body } = message;
  const payload = JSON.stringify(body);
  return deadLetter(deviceTopic(site, kind, assetId, channel), payload, Buffer.byteLength(payload), receivedAt, reason);
}

/** A dead letter the database refused (should not happen): kept without its payload. */
export function refusedDeadLetter(letter: DeadLetter, error: unknown): DeadLetter {
  return {
    ...letter,
    topic: letter.topic.replace(/[^\x20-\x7e]/g, '?'),
    reason: `${letter.reason.replace(/[^\x20-\x7e]/g, '?')}; payload dropped, the database refused it: ${databaseReason(error).replace(/[^\x20-\x7e]/g, '?')}`,
    payload: '',
  };
}

function databaseReason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = (error as Error).message ?? String(error);
  return typeof code === 'string' ? `${message} (SQLSTATE ${code})` : message;
}
