import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('hides the password of a broker or database URL and keeps where it connects', () => {
    expect(redactUrl('mqtt://edge-a:s3cret@broker.port.local:1883')).toBe('mqtt://edge-a:***@broker.port.local:1883');
    expect(redactUrl('postgres://porttwin:pa55@db.port.local:5432/porttwin')).toBe('postgres://porttwin:***@db.port.local:5432/porttwin');
  });

  it('hides a password holding a raw @, / or :', () => {
    expect(redactUrl('mqtts://gw:p@ss:w/rd@broker:8883')).toBe('mqtts://gw:***@broker:8883');
    expect(redactUrl('postgres://u:a@b@db/porttwin?sslmode=require')).toBe('postgres://u:***@db/porttwin?sslmode=require');
  });

  it("hides an empty user's password and leaves a user without one as it is", () => {
    expect(redactUrl('mqtt://:s3cret@broker')).toBe('mqtt://:***@broker');
    expect(redactUrl('mqtt://device-7@broker:1883')).toBe('mqtt://device-7@broker:1883');
  });

  it('hides secrets given as query parameters', () => {
    expect(redactUrl('postgresql://db.port.local/porttwin?user=porttwin&password=pa55&sslmode=verify-full')).toBe(
      'postgresql://db.port.local/porttwin?user=porttwin&password=***&sslmode=verify-full',
    );
    expect(redactUrl('wss://broker/mqtt?token=abc.def#x')).toBe('wss://broker/mqtt?token=***#x');
    expect(redactUrl('postgres://db/porttwin?sslpassword=k3y&PASSWORD=x')).toBe('postgres://db/porttwin?sslpassword=***&PASSWORD=***');
  });

  it('leaves a URL without secrets, and a string that is no URL, unchanged', () => {
    for (const text of ['mqtt://127.0.0.1:1883', 'postgres://db.port.local/porttwin?sslmode=require', 'embedded', '']) {
      expect(redactUrl(text)).toBe(text);
    }
  });
});
