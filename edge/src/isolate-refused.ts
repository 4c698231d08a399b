// The second line of defence behind the contract's checks: a batch the database refused for
// a data reason (SQLSTATE class 22/23/54) is written again in halves until the messages it
// refuses are found; those become dead letters and everything else is stored. Retrying the
// whole batch would fail the same way for ever and hold back every message behind it.
import type { DeviceMessage } from '@porttwin/contracts';
import { type DeadLetter, isDataError } from '@porttwin/db';
import { refusedDeadLetter, refusedMessage } from './dead-letters';

export interface BatchPart {
  messages: DeviceMessage[];
  deadLetters: DeadLetter[];
}

/** What the database refused of a part: messages (each now a dead letter), and dead letters (now without payload). */
export interface Refused {
  messages: DeviceMessage[];
  deadLetters: number;
}

/**
 * Stores a part the database refused as a whole (with `refusal`): halves are written on their
 * own, down to single messages. Resolves to what was refused (now stored as dead letters);
 * a connection error on the way rejects, and the caller retries or journals the part (rows
 * already stored are not stored twice; dead letters have no key and may be).
 */
export async function storeIsolatingRefused(
  part: BatchPart,
  refusal: unknown,
  write: (part: BatchPart) => Promise<void>,
): Promise<Refused> {
  const refused: Refused = { messages: [], deadLetters: 0 };
  const attempt = async (piece: BatchPart): Promise<void> => {
    try {
      await write(piece);
    } catch (error) {
      if (!isDataError(error)) throw error;
      await isolate(piece, error);
    }
  };
  const isolate = async (piece: BatchPart, error: unknown): Promise<void> => {
    const [message] = piece.messages;
    const [letter] = piece.deadLetters;
    if (piece.messages.length === 1 && !letter && message) {
      refused.messages.push(message);
      await write({ messages: [], deadLetters: [refusedMessage(message, error)] });
      return;
    }
    if (piece.deadLetters.length === 1 && !message && letter) {
      refused.deadLetters += 1;
      await write({ messages: [], deadLetters: [refusedDeadLetter(letter, error)] });
      return;
    }
    for (const half of halves(piece)) await attempt(half);
  };
  await isolate(part, refusal);
  return refused;
}

/** The part (of two or more items) cut in two at its middle, messages first. */
function halves(part: BatchPart): BatchPart[] {
  const middle = Math.ceil((part.messages.length + part.deadLetters.length) / 2);
  const messagesFirst = Math.min(middle, part.messages.length);
  const lettersFirst = middle - messagesFirst;
  return [
    { messages: part.messages.slice(0, messagesFirst), deadLetters: part.deadLetters.slice(0, lettersFirst) },
    { messages: part.messages.slice(messagesFirst), deadLetters: part.deadLetters.slice(lettersFirst) },
  ];
}
