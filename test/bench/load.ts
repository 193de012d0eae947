import http from 'node:http';

export type Percentiles = { p50: number; p95: number; p99: number; count: number; rps: number; errors: number };

export function percentiles(samples: number[], seconds: number, errors = 0): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), count: sorted.length, rps: round(sorted.length / seconds), errors };
}

/**
 * Drives `concurrency` loops of requests against a server on this machine for `seconds`, each loop
 * taking its next request from `next()`. Bounded in time; stops by itself. Returns every latency in ms.
 */
export async function drive(opts: {
  baseUrl: string;
  concurrency: number;
  seconds: number;
  next: () => { path: string; cookie: string };
  /** Each user's mean pause between getting a page and asking for the next (0: none, the machine's saturation). */
  thinkMs?: number;
}): Promise<{ samples: number[]; errors: number; statuses: Record<number, number> }> {
  const url = new URL(opts.baseUrl);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error('The benchmark only talks to this machine');
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const samples: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  const deadline = Date.now() + opts.seconds * 1000;
  const one = (path: string, cookie: string) =>
    new Promise<number>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = http.request(
        { host: url.hostname, port: url.port, path, method: 'GET', agent, headers: { cookie } },
        (res) => {
          res.resume();
          res.on('end', () => {
            statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
            if ((res.statusCode ?? 500) >= 300) errors += 1;
            resolve(Number(process.hrtime.bigint() - started) / 1e6);
          });
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end();
    });
  const loop = async () => {
    // Users do not all arrive at once: each starts somewhere in its first pause.
    if (opts.thinkMs) await pause(Math.random() * opts.thinkMs);
    while (Date.now() < deadline) {
      const { path, cookie } = opts.next();
      try {
        samples.push(await one(path, cookie));
      } catch {
        errors += 1;
      }
      if (opts.thinkMs) await pause(Math.min(thinkTime(opts.thinkMs), Math.max(0, deadline - Date.now())));
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, loop));
  agent.destroy();
  return { samples, errors, statuses };
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A person's pause between pages: exponentially distributed around the mean, as arrivals of people at work are. */
function thinkTime(meanMs: number): number {
  return -Math.log(1 - Math.random()) * meanMs;
}

/** The same loops, but each iteration runs a page's captured queries straight against the database. */
export async function driveSql(opts: {
  concurrency: number;
  seconds: number;
  next: () => { sql: string; params: unknown[] }[];
  /** Runs one page's statements, in order, on one connection. */
  runPage: (queries: { sql: string; params: unknown[] }[]) => Promise<void>;
  thinkMs?: number;
}): Promise<number[]> {
  const samples: number[] = [];
  const deadline = Date.now() + opts.seconds * 1000;
  const loop = async () => {
    if (opts.thinkMs) await pause(Math.random() * opts.thinkMs);
    while (Date.now() < deadline) {
      const queries = opts.next();
      const started = process.hrtime.bigint();
      await opts.runPage(queries);
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (opts.thinkMs) await pause(Math.min(thinkTime(opts.thinkMs), Math.max(0, deadline - Date.now())));
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, loop));
  return samples;
}
