export * from './types.js';
export * from './errors.js';
export * from './shape.js';
export * from './validate.js';
export * from './init.js';
export { referenceEngine } from './reference.js';
