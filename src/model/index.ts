export * from './schema';
export * from './doc';
export * from './order';
export * from './commands/map';
export * from './commands/stages';
export * from './commands/lanes';
export * from './commands/cards';
export { buildTemplate } from './templates';
export * from './live';
