export * from './organisation.js';
export * from './members.js';
export * from './feedback.js';
export * from './routing.js';
export * from './delivery.js';
export * from './bookkeeping.js';
export * from './sla.js';
export * from './skipped-chatter.js';
