// The chosen language: ?lang= wins, then the last choice on this browser, then English.
import { create } from 'zustand';
import { isLanguage, languageOf, translate, type Language, type MessageKey } from './strings';
import { urlOptions } from '../url-options';

const STORAGE_KEY = 'porttwin.lang';

function initialLanguage(): Language {
  const asked = languageOf(urlOptions.lang);
  if (asked !== null) return asked;
  const saved = window.localStorage.getItem(STORAGE_KEY);
  return isLanguage(saved) ? saved : 'en';
}

interface LanguageStore {
  language: Language;
  setLanguage: (language: Language) => void;
}

export const useLanguageStore = create<LanguageStore>((set) => ({
  language: initialLanguage(),
  setLanguage: (language) => {
    window.localStorage.setItem(STORAGE_KEY, language);
    document.documentElement.lang = language;
    set({ language });
  },
}));

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The translate function for the current language; components re-render when it changes. */
export function useT(): Translate {
  const language = useLanguageStore((s) => s.language);
  return (key, params) => translate(language, key, params);
}
