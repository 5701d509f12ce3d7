#!/usr/bin/env node
// Builds the web app (apps/web/dist) when it is missing or older than its sources; a no-op otherwise.
// Used by the e2e tests' global setup and meant for the start command: `node apps/web/ensure-built.js`.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const WEB = __dirname;
const INPUTS = [
  'src',
  'public',
  'index.html',
  'vite.config.mts',
  '../../libs/domain/src',
  '../../libs/terms/src/calendar',
];

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((t, name) => Math.max(t, newest(path.join(p, name))), stat.mtimeMs);
}

function ensureBuilt({ force = false, quiet = false } = {}) {
  const index = path.join(WEB, 'dist', 'index.html');
  const sources = Math.max(...INPUTS.map((p) => newest(path.join(WEB, p))));
  if (!force && fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return false;
  if (!quiet) process.stderr.write('web: building apps/web (vite)…\n');
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  execFileSync(
    process.execPath,
    [vite, 'build', '--config', path.join(WEB, 'vite.config.mts'), '--logLevel', 'warn'],
    {
      cwd: path.resolve(WEB, '..', '..'),
      // Jest runs with NODE_ENV=test, which would give React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  return true;
}

module.exports = { ensureBuilt };

if (require.main === module) {
  try {
    ensureBuilt({ force: process.argv.includes('--force') });
  } catch (err) {
    process.stderr.write(`web: build failed: ${err.message}\n`);
    process.exit(1);
  }
}
