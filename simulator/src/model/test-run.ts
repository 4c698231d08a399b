// Test helper: runs the port model on its simulated clock without MQTT, keeping what it
// published (parsed) and the ground truth it recorded.
import type { SiteLayout } from '@porttwin/contracts';
import type { OutboundMessage } from './device-outbox';
import type { TruthRecord } from './ground-truth';
import { PortModel, type PortModelOptions } from './port-model';

export interface ParsedEvent {
  assetId: string;
  kind: string;
  ts: number;
  type: string;
  data: Record<string, unknown>;
}

export interface TestRun {
  model: PortModel;
  messages: OutboundMessage[];
  truth: TruthRecord[];
  /** Events, parsed (only those that are valid JSON). */
  events: ParsedEvent[];
}

/** Runs `minutes` of simulated time from `startMs` and shuts the model down. */
export function runModel(layout: SiteLayout, startMs: number, minutes: number, options: Partial<PortModelOptions> = {}): TestRun {
  const messages: OutboundMessage[] = [];
  const truth: TruthRecord[] = [];
  const model = new PortModel({ layout, startMs, sink: (m) => messages.push(m), truth: (r) => truth.push(r), ...options });
  model.start();
  model.advanceTo(startMs + minutes * 60_000);
  model.shutdown();
  const events = messages.flatMap((m): ParsedEvent[] => {
    if (m.channel !== 'event') return [];
    try {
      const body = JSON.parse(m.payload) as { ts: string; type: string; data: Record<string, unknown> };
      return [{ assetId: m.assetId, kind: m.kind, ts: Date.parse(body.ts), type: body.type, data: body.data }];
    } catch {
      return [];
    }
  });
  return { model, messages, truth, events };
}
