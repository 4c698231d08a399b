export { buildApp, type App, type AppOptions } from './app';
export { readConfig, ConfigError, type ServerConfig } from './config';
export { startConsole, type RunningConsole } from './launcher';
export { startEmbeddedBroker, BrokerPortTakenError } from './embedded/broker';
export { DEFAULT_TARGET_WAIT_SEC, gateForecast } from './forecast/gate-forecast';
export { kpiSite, kpiSummary, kpiWindow, type KpiSite } from './kpis/kpi-summary';
export { readTargetsFile, targetsFileBeside } from './kpis/targets-file';
export { readAlertsFile, alertsFileBeside } from './alerts/rules-file';
