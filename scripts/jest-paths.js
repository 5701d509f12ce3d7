// Turns tsconfig `paths` into jest's moduleNameMapper, so the aliases live in one place.
const fs = require('fs');
const path = require('path');

function pathsToModuleNameMapper(tsconfigPath) {
  const root = path.dirname(tsconfigPath);
  const { compilerOptions } = JSON.parse(fs.readFileSync(tsconfigPath, 'utf8'));
  const mapper = {};
  for (const [alias, [target]] of Object.entries(compilerOptions.paths ?? {})) {
    mapper[`^${alias.replace('/', '\\/')}$`] = path.join(root, compilerOptions.baseUrl ?? '.', target);
  }
  return mapper;
}

module.exports = { pathsToModuleNameMapper };
