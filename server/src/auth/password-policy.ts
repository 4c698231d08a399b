// What a password set through the users API must be (OWASP ASVS 4.0, V2.1: at least 12
// characters, up to at least 64 allowed, checked against common passwords). The first admin's
// password (PORTTWIN_ADMIN_PASSWORD) is taken as given, as before this policy existed.

export const MIN_PASSWORD_CHARS = 12;
export const MAX_PASSWORD_CHARS = 128;

/**
 * Passwords that pass the length rule and are guessed first all the same (the top of the
 * breach lists, stretched to 12 characters, and this product's own words). Compared without case.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123123123123',
  '111111111111',
  '000000000000',
  'password1234',
  'password12345',
  'password123!',
  'passwordpassword',
  'qwertyuiop12',
  'qwertyuiopasdf',
  'qwerty123456',
  '1q2w3e4r5t6y',
  'iloveyou1234',
  'letmein12345',
  'welcome12345',
  'administrator',
  'admin1234567',
  'changeme1234',
  'abcdefghijkl',
  'abc123abc123',
  'porttwin1234',
  'porttwinporttwin',
  'harbour12345',
  'container123',
]);

/** The rule a password breaks, in words for a 400; null when it passes. */
export function passwordProblem(username: string, password: string): string | null {
  // Characters as a person counts them: code points, so 港口 is two, not four UTF-16 units.
  const chars = [...password].length;
  if (chars < MIN_PASSWORD_CHARS) return `must be at least ${MIN_PASSWORD_CHARS} characters (it has ${chars})`;
  if (chars > MAX_PASSWORD_CHARS) return `must be at most ${MAX_PASSWORD_CHARS} characters (it has ${chars})`;
  if (password.toLowerCase() === username.toLowerCase()) return 'must not be the user name';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'is one of the most common passwords';
  return null;
}
