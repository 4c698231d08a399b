export { buildApp, type App, type AppOptions } from './app';
export { readConfig, ConfigError, type ServerConfig } from './config';
export { startConsole, type RunningConsole } from './launcher';
export { startEmbeddedBroker, BrokerPortTakenError } from './embedded/broker';
