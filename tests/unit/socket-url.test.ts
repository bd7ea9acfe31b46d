import { describe, expect, it } from 'vitest';
import { describeTarget, driverTarget, socketDirFits, socketUrl } from '../../src/db/socket-url.js';

describe('PostgreSQL URLs naming a Unix socket (libpq\'s ?host=/dir)', () => {
  it('become postgres.js\'s socket path, the port naming the socket file, with no host setting sent to the server', () => {
    expect(driverTarget('postgres://liaison:pw@localhost:41234/liaison?host=%2Fdata%2Fsocket')).toEqual({ url: 'postgres://liaison:pw@localhost:41234/liaison', path: '/data/socket/.s.PGSQL.41234' });
    expect(driverTarget('postgres://postgres@localhost/test?host=/var/run/postgresql/&sslmode=disable')).toEqual({ url: 'postgres://postgres@localhost/test?sslmode=disable', path: '/var/run/postgresql/.s.PGSQL.5432' });
  });

  it('leave any other URL to TCP as given', () => {
    for (const url of ['postgres://user:secret@db.example.org:5433/liaison', 'postgres://u@127.0.0.1/liaison?sslmode=require', 'postgres://u@localhost/x?host=db.example.org']) {
      expect(driverTarget(url)).toEqual({ url });
    }
  });

  it('are made from the TCP URL and a directory, and said as the socket file in messages', () => {
    const url = socketUrl('postgres://liaison:pw@127.0.0.1:41234/liaison', '/home/kim/.liaison/socket');
    expect(driverTarget(url).path).toBe('/home/kim/.liaison/socket/.s.PGSQL.41234');
    expect(describeTarget(url)).toBe('/home/kim/.liaison/socket/.s.PGSQL.41234/liaison');
    expect(describeTarget('postgres://u:p@db.example.org/liaison')).toBe('db.example.org:5432/liaison');
  });

  it('are used only where the socket path fits in 107 bytes whatever the port, and the directory reads as one', () => {
    expect(socketDirFits(`/${'d'.repeat(106 - '/.s.PGSQL.65535'.length)}`)).toBe(true);
    expect(socketDirFits(`/${'d'.repeat(107 - '/.s.PGSQL.65535'.length)}`)).toBe(false);
    // Bytes, not characters.
    expect(socketDirFits(`/${'é'.repeat(50)}`)).toBe(false);
    expect(socketDirFits('/srv/a,b/socket')).toBe(false);
    expect(socketDirFits('/srv/"x"/socket')).toBe(false);
    expect(socketDirFits('/srv/with space/socket')).toBe(true);
  });
});
