// Connection URLs without their secrets, for every log line and error message that names a
// broker or a database (MQTT_URL, DATABASE_URL): the password in the userinfo, and the query
// parameters that libpq and brokers read secrets from.

const SCHEME_AND_REST = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^?#]*)/;
const SECRET_PARAMETER = /([?&](?:password|passwd|pwd|sslpassword|token|secret|access_token)=)[^&#]*/gi;
export const REDACTED = '***';

/**
 * The URL with its password and secret query parameters replaced by `***`; the user name,
 * host, port and path stay, so the line still says where it connects. A string that is not
 * a URL comes back unchanged.
 */
export function redactUrl(url: string): string {
  const withoutPassword = url.replace(SCHEME_AND_REST, (_whole, scheme: string, rest: string) => {
    // The userinfo ends at the last '@' before the query: a raw '@' or '/' in a password stays
    // hidden too. An '@' in a path hides a little too much, never too little.
    const at = rest.lastIndexOf('@');
    if (at < 0) return `${scheme}${rest}`;
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    if (colon < 0) return `${scheme}${rest}`;
    return `${scheme}${userinfo.slice(0, colon)}:${REDACTED}${rest.slice(at)}`;
  });
  return withoutPassword.replace(SECRET_PARAMETER, `$1${REDACTED}`);
}
