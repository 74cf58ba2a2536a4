export * from './hours-csv';
export * from './report-range';
export * from './report-summary';
export * from './reports.module';
export * from './reports.service';
