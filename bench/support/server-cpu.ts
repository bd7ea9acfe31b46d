import { readdirSync, readFileSync } from 'node:fs';
import type { Sql } from 'postgres';

const TICKS_PER_SECOND = 100;

/** utime + stime of one process in clock ticks, and its parent; undefined once it is gone. */
function processTimes(pid: number): { ticks: number; parent: number } | undefined {
  try {
    // The command name (2nd field) is in parentheses and may hold spaces: count fields after its closing one.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ticks: Number(fields[11]) + Number(fields[12]), parent: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by the PostgreSQL server behind `sql` (its postmaster and every process it started:
 * backends, WAL writer, checkpointer), read from /proc; undefined when the server is not on this machine. Meant for
 * the embedded server of a benchmark, which serves nothing else. Backends that exit between two readings take their
 * time with them, so take readings while the pool's connections stay open.
 */
export async function serverCpuReader(sql: Sql): Promise<(() => number) | undefined> {
  const [row] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const backend = row ? processTimes(row.pid) : undefined;
  if (!backend) return undefined;
  const postmaster = backend.parent;
  return () => {
    let ticks = processTimes(postmaster)?.ticks ?? 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const times = processTimes(Number(entry));
      if (times?.parent === postmaster) ticks += times.ticks;
    }
    return ticks / TICKS_PER_SECOND;
  };
}

/** CPU seconds this process has used so far (user + system). */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
