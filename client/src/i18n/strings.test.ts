// Every message exists, non-empty and with the same placeholders, in all three languages.
import { describe, expect, it } from 'vitest';
import { DICTIONARIES, LANGUAGES, languageOf, translate } from './strings';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  const englishKeys = Object.keys(DICTIONARIES.en).sort();

  it.each(LANGUAGES)('%s has exactly the English keys, none empty', (language) => {
    const dictionary = DICTIONARIES[language];
    expect(Object.keys(dictionary).sort()).toEqual(englishKeys);
    for (const key of englishKeys) expect(dictionary[key as keyof typeof dictionary].trim()).not.toBe('');
  });

  it.each(LANGUAGES)('%s keeps the placeholders of every English message', (language) => {
    for (const [key, text] of Object.entries(DICTIONARIES.en)) {
      expect(placeholders(DICTIONARIES[language][key as keyof typeof DICTIONARIES.en]), key).toEqual(placeholders(text));
    }
  });

  it('fills placeholders', () => {
    expect(translate('en', 'connection.staleFor', { seconds: 12 })).toBe('no data for 12 s');
    expect(translate('zh-CN', 'kpi.asOf', { time: '10:00:00' })).toBe('截至 10:00:00');
  });
});

describe('languageOf', () => {
  it('speaks Traditional Chinese for Hong Kong and refuses what it does not speak', () => {
    expect(languageOf('zh-HK')).toBe('zh-TW');
    expect(languageOf('zh-CN')).toBe('zh-CN');
    expect(languageOf('fr')).toBeNull();
    expect(languageOf(null)).toBeNull();
  });
});
