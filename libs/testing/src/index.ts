export * from './problem';
export * from './test-database';
export * from './test-servers';
export * from './scale-seed';
