import postgres from 'postgres';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { connect, type Database } from '../../src/db/client.js';
import { socketUrl } from '../../src/db/socket-url.js';

/** inet_server_addr() is the server's address for a TCP connection, and null through a Unix socket. */
async function serverAddress(database: Database): Promise<string | null> {
  const [row] = await database.sql<{ addr: string | null }[]>`select inet_server_addr()::text as addr`;
  return row?.addr ?? null;
}

describe('a ?host=/dir database URL', () => {
  const opened: Database[] = [];
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
  });

  it('connects through the Unix socket in that directory; the same URL without it over TCP', async () => {
    const serverUrl = inject('serverUrl');
    // The test server's own socket directory (the machine's PostgreSQL: /var/run/postgresql; the embedded one: its data's).
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    const [setting] = await admin<{ dirs: string }[]>`select current_setting('unix_socket_directories') as dirs`;
    await admin.end();
    const dir = (setting?.dirs ?? '').split(',')[0]?.trim().replace(/^"|"$/g, '') ?? '';
    expect(dir).toMatch(/^\//);

    const overSocket = connect(socketUrl(serverUrl, dir), { max: 1 });
    const overTcp = connect(serverUrl, { max: 1 });
    opened.push(overSocket, overTcp);
    expect(await serverAddress(overSocket)).toBeNull();
    expect(await serverAddress(overTcp)).not.toBeNull();
  });
});
