// Loads TypeScript on the fly (swc, with decorator metadata and tsconfig paths) for bin/karta and the apps.
const path = require('path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
