export * from './free-text.decorator';
export * from './privacy-guard';
export * from './suppression';
