// The data source the TypeORM CLI loads, e.g. (see the persistence project's migration targets):
//   DATABASE_URL=... node -r ./scripts/register.js node_modules/typeorm/cli.js migration:run -d libs/persistence/src/cli-data-source.ts
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';

const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error(
    'DATABASE_URL is not set: the TypeORM CLI needs postgres://user:password@host:port/database',
  );
}

export default new DataSource(dataSourceOptions(url));
