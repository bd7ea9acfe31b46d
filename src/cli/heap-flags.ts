/** The V8 heap flags an operator may give in NODE_OPTIONS, which the start command's own would silently beat. */
const HEAP_FLAGS = ['--max-old-space-size', '--max-semi-space-size'];

/** The last value given for a flag (V8 takes the last), in either spelling (`--max-old-space-size`, `--max_old_space_size`). */
function lastValue(flags: readonly string[], name: string): string | undefined {
  const found = flags.findLast((flag) => flag.split('=')[0]?.replaceAll('_', '-') === name);
  return found?.slice(found.indexOf('=') + 1);
}

/**
 * Node gives its command line precedence over NODE_OPTIONS, so a heap flag set in both is the command line's. Said
 * once at start, in words, so that an operator raising the bound through NODE_OPTIONS learns why it did not move.
 */
export function overriddenHeapFlags(execArgv: readonly string[], nodeOptions: string | undefined): string | undefined {
  const given = (nodeOptions ?? '').split(/\s+/).filter(Boolean);
  const lost = HEAP_FLAGS.flatMap((name) => {
    const theirs = lastValue(given, name);
    const mine = lastValue(execArgv, name);
    return theirs !== undefined && mine !== undefined && theirs !== mine ? [`${name}=${theirs} (the start command says ${mine})`] : [];
  });
  if (lost.length === 0) return undefined;
  return `NODE_OPTIONS' ${lost.join(' and ')} ${lost.length === 1 ? 'has' : 'have'} no effect: Node gives its command line precedence. To change the heap bounds, run node with yours, for example node --max-old-space-size=2048 --max-semi-space-size=16 dist/cli.js start (README "Memory").`;
}
