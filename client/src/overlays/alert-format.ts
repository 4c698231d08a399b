// How the alert views say an alert: its severity's colour and name, its title in the reader's
// language, its age spoken, and what a camera saw.
import type { Alert, AlertSeverity } from '@porttwin/contracts';
import { DICTIONARIES, type Language, type MessageKey } from '../i18n/strings';
import { spokenDuration } from './clearance-format';

type Say = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Red, orange, yellow, blue: the order a control room reads them in, and the scene's colours too. */
export const SEVERITY_COLOURS: Record<AlertSeverity, string> = {
  critical: '#ef4444',
  major: '#f97316',
  minor: '#eab308',
  info: '#38bdf8',
};

export const SEVERITY_NAMES: Record<AlertSeverity, MessageKey> = {
  critical: 'severity.critical',
  major: 'severity.major',
  minor: 'severity.minor',
  info: 'severity.info',
};

function knownKey(prefix: string, name: string): MessageKey | null {
  const key = `${prefix}.${name}`;
  return key in DICTIONARIES.en ? (key as MessageKey) : null;
}

/**
 * The alert's title: in English the rules file's own (it has the thresholds in it); in Chinese
 * the shipped rule's name, or the file's title for a rule we do not know.
 */
export function alertTitle(alert: Pick<Alert, 'rule' | 'title'>, language: Language, say: Say): string {
  if (language === 'en') return alert.title;
  const key = knownKey('alertRule', alert.rule);
  return key === null ? alert.title : say(key);
}

/** What a camera saw, by its contract label ("smoke"), or the label itself when it is not one we name. */
export function detectionName(label: string, say: Say): string {
  const key = knownKey('detection', label);
  return key === null ? label : say(key);
}

/** "3 min ago", from the server-clock times given. */
export function alertAge(raisedAt: number, serverNow: number, say: Say): string {
  return say('alerts.ago', { age: spokenDuration(Math.max(0, (serverNow - raisedAt) / 1000), say) });
}
