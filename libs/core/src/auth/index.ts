export * from './actor';
export * from './decorators';
export * from './guards';
export * from './route-metadata';
