export { startGateway, type GatewayOptions, type GatewayStats, type RunningGateway } from './gateway';
export { EdgeError } from './errors';
