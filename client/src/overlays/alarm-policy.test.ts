// The wall's alarm sounds for news at once, reminds every half minute, and is quiet with nothing left.
import { describe, expect, it } from 'vitest';
import { alarmDue, alarmKeys, nothingHeard, REMIND_MS } from './alarm-policy';

describe('alarmDue', () => {
  const smoke = alarmKeys([{ id: 7, count: 1 }]);

  it('sounds at once for a new alert, then not again until the reminder is due', () => {
    const heard = alarmDue(smoke, nothingHeard, 1_000);
    expect(heard).not.toBeNull();
    expect(alarmDue(smoke, heard!, 1_000 + REMIND_MS - 1)).toBeNull();
    expect(alarmDue(smoke, heard!, 1_000 + REMIND_MS)).not.toBeNull();
  });

  it('sounds at once when the alert is seen again', () => {
    const heard = alarmDue(smoke, nothingHeard, 1_000)!;
    expect(alarmDue(alarmKeys([{ id: 7, count: 2 }]), heard, 2_000)).not.toBeNull();
  });

  it('is quiet with no unacknowledged critical alert', () => {
    expect(alarmDue([], nothingHeard, 1_000)).toBeNull();
  });
});
