export * from './asset-kinds';
export * from './topic';
export * from './payloads';
export * from './device-message';
export * from './site-layout';
export * from './live-state';
export * from './socket-events';
export * from './kpi-series';
