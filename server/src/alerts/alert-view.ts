// An alert as the API and the socket give it: the stored row with its playbook's steps (each
// with who ticked it and when) and, for roles that see plates masked, the plate in its detail
// masked.
import { type Alert, maskPlateField } from '@porttwin/contracts';
import type { AlertRow, AlertStepRow } from '@porttwin/db';

export function alertView(row: AlertRow, playbook: string[], ticked: AlertStepRow[], seesPlates: boolean): Alert {
  const steps = playbook.map((text, i) => {
    const done = ticked.find((step) => step.step === i + 1);
    return { step: i + 1, text, doneBy: done?.doneBy ?? null, doneAt: done?.doneAt ?? null };
  });
  return { ...row, detail: seesPlates ? row.detail : maskPlateField(row.detail), steps };
}
