/*
 * libpq's way to name a Unix-domain socket in a URL: `postgres://user:password@localhost:5432/db?host=/dir`, the
 * socket being `/dir/.s.PGSQL.5432` (psql understands it too). postgres.js reads a directory only from its `host`
 * option, and would send a `?host=` of the URL to the server as a setting (which the server refuses): connect()
 * turns it into postgres.js's `path`. A socket spares both sides the loopback TCP stack on every statement.
 */

/** The longest socket path a kernel takes (sockaddr_un's 108 bytes, less the final NUL). */
const MAX_SOCKET_PATH_BYTES = 107;
/** The socket file's name in its directory, for the longest port number. */
const SOCKET_FILE = (port: number | string) => `.s.PGSQL.${port}`;

export interface DriverTarget {
  /** The URL without its `?host=`. */
  url: string;
  /** The socket file, when the URL names a socket directory. */
  path?: string;
}

export function driverTarget(url: string): DriverTarget {
  const parsed = new URL(url);
  const dir = parsed.searchParams.get('host');
  if (!dir?.startsWith('/')) return { url };
  parsed.searchParams.delete('host');
  return { url: parsed.toString(), path: socketFile(dir.replace(/\/+$/, ''), parsed.port || 5432) };
}

/** The same server through the socket in `dir`. */
export function socketUrl(tcpUrl: string, dir: string): string {
  const parsed = new URL(tcpUrl);
  parsed.searchParams.set('host', dir);
  return parsed.toString();
}

/** Where a URL leads, for a message: `host:port/db`, or the socket file and the database. */
export function describeTarget(url: string): string {
  const target = driverTarget(url);
  const where = new URL(target.url);
  return target.path ? `${target.path}${where.pathname}` : `${where.hostname}:${where.port || 5432}${where.pathname}`;
}

/**
 * Whether PostgreSQL can make its socket in `dir`: the path must fit in a socket address whatever the port, and the
 * directory is given to the server in a list (unix_socket_directories) where a comma or a quote would be read apart.
 */
export function socketDirFits(dir: string): boolean {
  return Buffer.byteLength(`${dir}/${SOCKET_FILE(65_535)}`) <= MAX_SOCKET_PATH_BYTES && !/[",]/.test(dir);
}

export function socketFile(dir: string, port: number | string): string {
  return `${dir}/${SOCKET_FILE(port)}`;
}
