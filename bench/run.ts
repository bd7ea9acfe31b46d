import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Runs every `bench/*.bench.ts` in its own process (so memory figures do not mix) and passes their JSON lines through.
 * `npm run bench -- capture` runs only the benchmarks whose file name contains "capture".
 */
const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();
let failed = 0;
for (const file of files) {
  process.stderr.write(`# ${file}\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${file}`], { stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    process.stderr.write(`# ${file} failed with status ${run.status}\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);
