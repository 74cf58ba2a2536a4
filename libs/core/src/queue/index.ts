export * from './job-catalogue';
export * from './job-producer';
export * from './queue.module';
