#!/usr/bin/env node
// The `liaison` command (npx liaison ...): the TypeScript CLI through tsx's loader in a development install; a
// production install (`npm ci --omit=dev`, no tsx) runs the build in dist/ instead.
let register;
try {
  ({ register } = await import('tsx/esm/api'));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
}
if (register) {
  register();
  await import('../src/cli.ts');
} else {
  await import('../dist/cli.js');
}
