// Sign-in first, then the console; a refused token brings the sign-in form back.
import { useEffect } from 'react';
import { useAuthStore } from './store/auth';
import { useLanguageStore } from './i18n/use-language';
import { urlOptions } from './url-options';
import { Console } from './Console';
import { LoginScreen } from './panels/LoginScreen';

export function App() {
  const token = useAuthStore((s) => s.token);
  const language = useLanguageStore((s) => s.language);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return token === null ? <LoginScreen /> : <Console key={token} token={token} mode={urlOptions.layout} />;
}
