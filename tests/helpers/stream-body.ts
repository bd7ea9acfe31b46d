import { request } from 'node:http';

export interface StreamedAnswer {
  status: number;
  /** The answer's body as the sender reads it (what it says about the refusal). */
  text: string;
  /** How many body bytes the client had handed to the socket when the answer came. */
  bytesSent: number;
  totalBytes: number;
}

/**
 * Posts a chunked body of `totalBytes` in 64 KB chunks, honouring back-pressure, and stops sending as soon as the
 * server answers. A server that counts bytes as they arrive answers long before the body is all sent; one that
 * reads the whole body first answers only after it.
 */
export function streamUntilAnswered(url: string, headers: Record<string, string>, totalBytes: number): Promise<StreamedAnswer> {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const req = request(url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } });
    req.on('response', (res) => {
      answered = true;
      const sentWhenAnswered = bytesSent;
      const chunks: Buffer[] = [];
      // The server may close the socket on the unread rest of the body: what arrived by then is the answer.
      const done = () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), bytesSent: sentWhenAnswered, totalBytes });
      };
      res.on('data', (data: Buffer) => chunks.push(data));
      res.once('end', done);
      res.once('error', done);
      res.once('close', done);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && bytesSent < totalBytes) {
        bytesSent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}
