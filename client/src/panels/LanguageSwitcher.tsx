// Chooses the console's language among the three it speaks.
import { LANGUAGE_NAMES, LANGUAGES, isLanguage } from '../i18n/strings';
import { useLanguageStore, useT } from '../i18n/use-language';

export function LanguageSwitcher() {
  const language = useLanguageStore((s) => s.language);
  const setLanguage = useLanguageStore((s) => s.setLanguage);
  const t = useT();
  return (
    <select
      className="language-switcher"
      aria-label={t('topbar.language')}
      value={language}
      onChange={(event) => {
        if (isLanguage(event.target.value)) setLanguage(event.target.value);
      }}
    >
      {LANGUAGES.map((code) => (
        <option key={code} value={code}>
          {LANGUAGE_NAMES[code]}
        </option>
      ))}
    </select>
  );
}
