// What really happened in the model, as records for a JSON-lines file beside the device
// traffic: tests and benchmarks compare the twin's picture (built from the published messages)
// with this. Times are simulated epoch ms; `t` is when the record was true.

/** The stages of one truck's visit, simulated epoch ms (absent: the truck never got there). */
export interface TruckStages {
  arrived: number;
  portalStart?: number;
  portalEnd?: number;
  gateStart?: number;
  gateEnd?: number;
  scanQueued?: number;
  scanStart?: number;
  scanEnd?: number;
  yardArrived?: number;
  yardDone?: number;
  outQueued?: number;
  outGateStart?: number;
  outGateEnd?: number;
  departed?: number;
}

export type TruthRecord =
  | { t: number; type: 'run.started'; site: string; seed: number; scenario: string | null; flow: unknown }
  /** Trucks waiting at a lane or scanner (not counting the one being served), on every change. */
  | { t: number; type: 'queue'; asset: string; queue: number }
  | {
      t: number;
      type: 'truck';
      plate: string;
      tracker: string | null;
      inLane: string;
      outLane: string | null;
      outcome: 'released' | 'rejected' | 'balked';
      inspected: boolean;
      verdict: 'clear' | 'suspect' | null;
      stages: TruckStages;
    }
  | { t: number; type: 'crane.move'; asset: string; kind: string; container: string; cycleSec: number }
  | { t: number; type: 'alarm'; asset: string; alarm: string; detail: Record<string, unknown> }
  | { t: number; type: 'vessel'; event: 'arrived' | 'departed'; asset: string; berth: string; voyage: string; moves: number }
  | { t: number; type: 'device'; asset: string; state: string; reason: string | null }
  | { t: number; type: 'injection'; action: string; asset: string | null; phase: 'start' | 'end' }
  | { t: number; type: 'malformed'; asset: string; topic: string; flaw: string };

export type TruthSink = (record: TruthRecord) => void;

/** A sink that records nothing, for runs that do not keep the truth. */
export const discardTruth: TruthSink = () => {};
