export { dataSourceOptions, openDataSource } from './data-source';
export { entities } from './entities';
export { migrations } from './migrations';
export * from './entities';
export * from './repositories';
