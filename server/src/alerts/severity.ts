// Escalation moves an alert one severity up: info → minor → major → critical (which stays).
import { ALERT_SEVERITIES, type AlertSeverity } from '@porttwin/contracts';

export function severityAbove(severity: AlertSeverity): AlertSeverity {
  const index = ALERT_SEVERITIES.indexOf(severity);
  return ALERT_SEVERITIES[Math.max(0, index - 1)] ?? severity;
}
