export * from './contract';
export * from './outbox';
export * from './relay';
export * from './nats';
export * from './consumer';
export * from './revocation-events';
export * from './retention';
