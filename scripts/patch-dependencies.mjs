#!/usr/bin/env node
/*
 * Run after every install (`postinstall`, production installs included): repairs what a dependency gets wrong and no
 * release has fixed yet. Each repair replaces exact text, is skipped when already applied, and only warns when the
 * text is not found (a newer release may have fixed it: then remove the repair). Files are rewritten under a new
 * name and renamed, so that a node_modules sharing files by hard links with another checkout is left alone.
 *
 * postgres 3.4.9 (porsager/postgres#1154, #1208, #1209): a write deferred to setImmediate runs after its connection
 * closed and dereferences the null socket, an exception no caller can catch, which ends the process; and closing
 * clears that timer without forgetting it, so the connection, once reconnected, never sends a short query again
 * (queries hang until the pool is closed). Both happen when the database dies under load.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const REPAIRS = [
  {
    module: 'postgres',
    files: ['src/connection.js', 'cjs/src/connection.js'],
    marker: '/* liaison: write after close */',
    edits: [
      ['  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)', '  function nextWrite(fn) {\n    /* liaison: write after close */\n    if (!socket) {\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection(\'CONNECTION_CLOSED\', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)'],
      ['    clearImmediate(nextWriteTimer)\n    if (socket) {', '    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n    if (socket) {'],
      ['    incomings = null\n    clearImmediate(nextWriteTimer)\n', '    incomings = null\n    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null\n'],
    ],
  },
];

// npm runs this from the package's root, where the dependencies are installed.
for (const repair of REPAIRS) {
  for (const file of repair.files) {
    const path = join(process.cwd(), 'node_modules', repair.module, file);
    if (!existsSync(path)) continue;
    let text = readFileSync(path, 'utf8');
    if (text.includes(repair.marker)) continue;
    if (repair.edits.some(([from]) => !text.includes(from))) {
      process.stderr.write(`liaison postinstall: ${repair.module}/${file} is not the text the repair expects (a newer release?); left as it is\n`);
      continue;
    }
    for (const [from, to] of repair.edits) text = text.replace(from, to);
    const temporary = `${path}.liaison-${process.pid}`;
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  }
}
