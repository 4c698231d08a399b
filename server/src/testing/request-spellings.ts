// Ways to spell one path in a request target (issue 7): those the router folds onto the same
// route, and near misses it may or may not match. Tests send each and expect no data back.

export interface Spelling {
  name: string;
  target: string;
  /** The router matches this spelling to the path's own route, so only a 401 will do. */
  routed: boolean;
}

const FAR_FUTURE = Date.UTC(2100, 0, 1);

/** Every spelling of `path` (a concrete path, `/api/assets/GL-IN-1`) worth trying. */
export function spellingsOf(path: string): Spelling[] {
  const segments = path.split('/').slice(1);
  const [first = '', ...rest] = segments;
  const tail = rest.map((segment) => `/${segment}`).join('');
  const encodedFirst = segments.flatMap((_, index) =>
    (['lower', 'upper'] as const).map((hexCase) => ({
      index,
      hexCase,
      target: withSegment(segments, index, encodeFirstChar(segments[index] ?? '', hexCase)),
    })),
  );
  const spellings: Spelling[] = [
    { name: 'plain', target: path, routed: true },
    ...unique(
      encodedFirst.map(({ index, hexCase, target }) => ({
        name: `segment ${index + 1}'s first character percent-encoded (${hexCase}case hex)`,
        target,
        routed: true,
      })),
    ),
    {
      name: 'every character percent-encoded',
      target: segments.map((segment) => `/${[...segment].map(percentEncode).join('')}`).join(''),
      routed: true,
    },
    { name: 'absolute-form', target: `http://x${path}`, routed: true },
    { name: 'absolute-form, scheme in capitals', target: `HTTP://x${path}`, routed: true },
    { name: 'absolute-form https with a port', target: `https://x:1${path}`, routed: true },
    { name: 'absolute-form and percent-encoded', target: `http://x${encodedFirst[0]?.target ?? path}`, routed: true },
    { name: 'empty query', target: `${path}?`, routed: true },
    { name: 'query', target: `${path}?from=0&to=${FAR_FUTURE}`, routed: true },
    { name: 'fragment', target: `${path}#x`, routed: true },
    { name: 'leading double slash', target: `/${path}`, routed: false },
    { name: 'inner double slash', target: rest.length > 0 ? `/${first}/${tail}` : `/${first}//`, routed: false },
    { name: 'leading dot segment', target: `/.${path}`, routed: false },
    { name: 'inner dot segment', target: `/${first}/.${tail}`, routed: false },
    { name: 'dot-dot segment', target: `/x/..${path}`, routed: false },
    { name: 'encoded dot-dot segment', target: `/x/%2e%2e${path}`, routed: false },
    { name: 'trailing slash', target: `${path}/`, routed: false },
    { name: 'trailing slash and query', target: `${path}/?from=0`, routed: false },
    { name: 'semicolon parameter', target: `${path};x=1`, routed: false },
    { name: 'encoded slash', target: rest.length > 0 ? `/${first}%2F${tail.slice(1)}` : `${path}%2F`, routed: false },
    { name: 'encoded question mark', target: `${path}%3F`, routed: false },
  ];
  return spellings;
}

function encodeFirstChar(segment: string, hexCase: 'lower' | 'upper'): string {
  const encoded = percentEncode(segment.slice(0, 1));
  return (hexCase === 'lower' ? encoded.toLowerCase() : encoded.toUpperCase()) + segment.slice(1);
}

function percentEncode(char: string): string {
  return `%${char.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`;
}

function withSegment(segments: string[], index: number, replacement: string): string {
  return segments.map((segment, at) => `/${at === index ? replacement : segment}`).join('');
}

/** `%61` is `%61` in either case: one spelling, not two. */
function unique(spellings: Spelling[]): Spelling[] {
  const seen = new Set<string>();
  return spellings.filter((spelling) => !seen.has(spelling.target) && seen.add(spelling.target));
}
