// The alert engine (issue 10): each rule's watch turns what arrives into signals, and the
// engine turns signals into alerts — one open alert per rule and asset, counted up when its
// condition comes back, resolved by the system once clear for the rule's clearAfterSec
// (auto rules), escalated when not acknowledged in time. Every change is written to the
// database first (so it survives a restart) and then told to listeners. Work is done one
// step at a time, in arrival order.
import type { AlertRule, AlertRulesFile } from '@porttwin/contracts';
import { type AlertRow, type Database, escalateAlert, listOpenAlerts, raiseAlert, repeatAlert, resolveAlert } from '@porttwin/db';
import type { FastifyBaseLogger } from 'fastify';
import { AlertTime } from './alert-time';
import type { Observation, Signal } from './observation';
import { type RuleWatch, watchFor } from './rule-watch';
import { severityAbove } from './severity';

export interface AlertEngineOptions {
  db: Database;
  site: string;
  rules: AlertRulesFile;
  log: FastifyBaseLogger;
  /** The wall clock (tests move a fake one). */
  clock?: () => number;
}

interface OpenAlert {
  row: AlertRow;
  /** The wall clock's time the engine raised it (or loaded it at start). */
  seenAt: number;
  /** Since when (device time, and the wall clock's) its condition has been clear; null while it holds. */
  clearSince: number | null;
  clearSeenAt: number;
}

/** Who the history and resolvedBy name for what the engine does. */
export const SYSTEM = 'system';

export class AlertEngine {
  readonly time: AlertTime;
  private rules: AlertRulesFile;
  private watches = new Map<string, { rule: AlertRule; watch: RuleWatch }>();
  private readonly open = new Map<string, OpenAlert>();
  private readonly listeners = new Set<(alert: AlertRow) => void>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: AlertEngineOptions) {
    this.time = new AlertTime(options.clock ?? Date.now);
    this.rules = options.rules;
    this.setRules(options.rules);
  }

  /** Loads the open alerts from the database: what was open before a restart stays open, and counts on. */
  async start(): Promise<void> {
    const now = this.time.now();
    for (const row of await listOpenAlerts(this.options.db))
      this.open.set(key(row.rule, row.assetId), { row, seenAt: Math.min(now, row.raisedAt), clearSince: null, clearSeenAt: now });
  }

  /** Puts new rules in force (the alerts file changed); conditions are judged afresh, open alerts stay. */
  setRules(rules: AlertRulesFile): void {
    this.rules = rules;
    this.watches = new Map(rules.rules.map((rule) => [rule.id, { rule, watch: watchFor(rule, this.options.site) }]));
  }

  /** The steps of an alert type's playbook; none without one. */
  playbook(type: string): string[] {
    return this.rules.playbooks?.[type] ?? [];
  }

  /** Event types the rules watch: the only events worth reading. */
  eventTypes(): string[] {
    const types = new Set<string>();
    for (const { rule } of this.watches.values()) {
      if (rule.when.kind === 'event') {
        types.add(rule.when.eventType);
        if (rule.when.clearedBy) types.add(rule.when.clearedBy.eventType);
      }
      if (rule.when.kind === 'eventRate') types.add(rule.when.eventType);
    }
    return [...types];
  }

  onChange(listener: (alert: AlertRow) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Evaluates what arrived, in order. */
  observe(observations: Observation[]): Promise<void> {
    return this.enqueue(async () => {
      for (const observation of observations) {
        // Only the stored events and statuses, read in order, move the data clock: the live
        // feed's latest telemetry runs ahead of them while a fast replay is being read.
        if (observation.type === 'event' || observation.type === 'status') this.time.saw(observation.ts);
        for (const { rule, watch } of this.watches.values()) await this.apply(rule, watch.observe(observation, this.time));
      }
      await this.checkTimers();
    });
  }

  /** What the clocks alone decide: silence, held conditions, resolution after clearAfterSec, escalation. */
  tick(): Promise<void> {
    return this.enqueue(async () => {
      for (const { rule, watch } of this.watches.values()) await this.apply(rule, watch.tick(this.time));
      await this.checkTimers();
    });
  }

  /** An alert a person changed (ack, assign, resolve, step): kept in step and told to listeners. */
  changed(row: AlertRow): void {
    const id = key(row.rule, row.assetId);
    const open = this.open.get(id);
    if (row.state === 'resolved') {
      if (open?.row.id === row.id) this.open.delete(id);
    } else if (open?.row.id === row.id) open.row = row;
    this.tell(row);
  }

  /** The open alerts, oldest first. */
  openAlerts(): AlertRow[] {
    return [...this.open.values()].map((open) => open.row).sort((a, b) => a.raisedAt - b.raisedAt || a.id - b.id);
  }

  /** Resolves when everything handed in so far has been done (tests). */
  idle(): Promise<void> {
    return this.queue;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work).catch((error: Error) => this.options.log.error({ err: error }, 'server: alert evaluation failed'));
    return this.queue;
  }

  private async apply(rule: AlertRule, signals: Signal[]): Promise<void> {
    for (const signal of signals) {
      if (signal.signal === 'raise') await this.raise(rule, signal);
      else this.clear(rule, signal);
    }
  }

  private async raise(rule: AlertRule, signal: Signal): Promise<void> {
    const id = key(rule.id, signal.assetId);
    const open = this.open.get(id);
    const db = this.options.db;
    if (open) {
      const row = await repeatAlert(db, open.row.id, signal.at, signal.detail);
      if (row) {
        open.row = row;
        open.clearSince = null;
        return this.tell(row);
      }
      // Resolved meanwhile (by a person, or another server): the condition opens a new one.
      this.open.delete(id);
    }
    const row = await raiseAlert(db, {
      rule: rule.id,
      type: rule.type,
      title: rule.title,
      assetId: signal.assetId,
      severity: rule.severity,
      at: signal.at,
      detail: signal.detail,
    });
    if (!row) return;
    this.open.set(id, { row, seenAt: this.time.now(), clearSince: null, clearSeenAt: 0 });
    this.tell(row);
  }

  private clear(rule: AlertRule, signal: Signal): void {
    const open = this.open.get(key(rule.id, signal.assetId));
    if (!open || rule.resolve !== 'auto' || open.clearSince !== null) return;
    open.clearSince = signal.at;
    open.clearSeenAt = this.time.now();
  }

  private async checkTimers(): Promise<void> {
    const now = this.time.now();
    for (const [id, open] of this.open) {
      const rule = this.watches.get(open.row.rule)?.rule;
      if (!rule) continue;
      if (open.clearSince !== null && this.time.elapsedMs(open.clearSince, open.clearSeenAt) >= (rule.clearAfterSec ?? 0) * 1000) {
        this.open.delete(id);
        const row = await resolveAlert(this.options.db, open.row.id, SYSTEM, now, 'condition cleared');
        if (row) this.tell(row);
        continue;
      }
      const escalateMs = (rule.escalateAfterSec ?? Number.POSITIVE_INFINITY) * 1000;
      if (open.row.state === 'raised' && open.row.escalatedAt === null && now - open.seenAt >= escalateMs) {
        const row = await escalateAlert(this.options.db, open.row.id, now, severityAbove(open.row.severity));
        if (row) {
          open.row = row;
          this.tell(row);
        }
      }
    }
  }

  private tell(row: AlertRow): void {
    for (const listener of this.listeners) listener(row);
  }
}

function key(rule: string, assetId: string): string {
  return `${rule}\u0000${assetId}`;
}
