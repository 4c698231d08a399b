// Options a wall screen or a bookmark passes in the URL: ?kiosk=<token>&layout=wall&lang=zh-CN.

export type Layout = 'wall' | 'laptop';

export interface UrlOptions {
  /** A kiosk token used as-is instead of signing in. */
  kioskToken: string | null;
  layout: Layout;
  /** The raw ?lang value; the i18n module decides whether it is one it speaks. */
  lang: string | null;
}

/** Reads the console's options from a query string such as `?layout=wall`. */
export function parseUrlOptions(search: string): UrlOptions {
  const params = new URLSearchParams(search);
  const kiosk = params.get('kiosk');
  return {
    kioskToken: kiosk !== null && kiosk.trim() !== '' ? kiosk.trim() : null,
    layout: params.get('layout') === 'wall' ? 'wall' : 'laptop',
    lang: params.get('lang'),
  };
}

/** The options of the page this bundle was loaded in, read once. */
export const urlOptions: UrlOptions = parseUrlOptions(typeof window === 'undefined' ? '' : window.location.search);
