// Sign-in first, then the console; a session that ends brings the sign-in form back. At load
// the page trades a kiosk token from its URL for a session, or asks whether its cookie holds one.
import { useEffect } from 'react';
import { startSession } from './net/api';
import { useAuthStore } from './store/auth';
import { useLanguageStore } from './i18n/use-language';
import { urlOptions } from './url-options';
import { Console } from './Console';
import { LoginScreen } from './panels/LoginScreen';

export function App() {
  const status = useAuthStore((s) => s.status);
  const sessionNumber = useAuthStore((s) => s.sessionNumber);
  const language = useLanguageStore((s) => s.language);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  useEffect(() => void startSession(urlOptions.kioskToken), []);
  if (status === 'checking') return <main className="login" aria-busy="true" />;
  return status === 'signed-out' ? <LoginScreen /> : <Console key={sessionNumber} mode={urlOptions.layout} />;
}
