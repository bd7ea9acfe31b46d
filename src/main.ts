import { serve, type ServerType } from '@hono/node-server';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { ConsoleChat } from './adapters/console/console-chat.js';
import { createHttpApp } from './adapters/http/http-app.js';
import { applyKeepAlive } from './adapters/http/keep-alive.js';
import { HttpMetrics } from './adapters/http/metrics.js';
import type { PlatformAdapter } from './adapters/platform-adapter.js';
import { createTrackerClients } from './adapters/trackers/create-tracker-clients.js';
import { TrackerPort } from './adapters/trackers/tracker-port.js';
import { mountTrackerWebhooks, trackerInboundHandlers } from './adapters/trackers/tracker-webhook-route.js';
import { impactWarmUp } from './adapters/web/impact/warm-up-impact.js';
import { WebhookPort } from './adapters/trackers/webhook-port.js';
import { publicUrl, type Env } from './config/env.js';
import type { LoadedConfig } from './config/load-config.js';
import type { Classifier } from './core/classify/classifier.js';
import { systemClock, type Clock } from './core/clock.js';
import type { Context } from './core/context.js';
import { syncOrganisation } from './core/sync-organisation.js';
import type { OpenDatabase } from './db/open-database.js';
import { StartupError } from './db/startup-error.js';
import { OutboxWorker, type ChatPorts } from './delivery/outbox-worker.js';
import { runDueDigests } from './jobs/digest-job.js';
import { retrainJob } from './jobs/retrain-job.js';
import { slaJobs } from './jobs/sla-job.js';
import { inboundRetentionJob } from './jobs/inbound-retention-job.js';
import { inboundRetryJob, type InboundHandler } from './jobs/inbound-retry-job.js';
import { Scheduler, type Job } from './jobs/scheduler.js';
import { closeHttpServer, named, runStops, type StopStep } from './shutdown.js';

import type { Role } from './roles.js';

export { ROLES, type Role } from './roles.js';

/** The routing model: a classifier that can swap in a newly trained model while running. */
export interface RoutingModel {
  classifier: Classifier;
  refresh(): Promise<unknown>;
}

export interface LiaisonDeps {
  env: Env;
  loaded: LoadedConfig;
  database: OpenDatabase;
  logger: Logger;
  routingModel: RoutingModel;
  /** Builds the chat platforms whose credentials are set (see cli/start.ts). */
  platforms: (ctx: Context) => Promise<PlatformAdapter[]>;
  roles: Set<Role>;
  out: Writable;
  clock?: Clock;
  /** How long after the web server listens its warm-up begins (2 s by default; see web/impact/warm-up-impact.ts). */
  warmUpDelayMs?: number;
}

export interface RunningLiaison {
  ctx: Context;
  port: number | undefined;
  platforms: string[];
  stop(): Promise<void>;
}

/** Requests under way when Liaison is told to stop get this long to be answered (intake answers within 2 s). */
const HTTP_GRACE_MS = 1500;
/** The worker's last round: the delivery in hand is finished, the rest given back to the outbox. */
const WORKER_STOP_MS = 3000;

/** Composition root: config → database → core → adapters, worker, scheduler, HTTP. Returns a handle to stop it all. */
export async function startLiaison(deps: LiaisonDeps): Promise<RunningLiaison> {
  const { env, loaded, database, logger, roles } = deps;
  const clock = deps.clock ?? systemClock;
  await syncOrganisation(database.db, loaded.config, clock.now());
  const ctx: Context = { db: database.db, config: loaded.config, clock, logger, classifier: deps.routingModel.classifier };
  // Every platform with credentials can be posted to (a worker-only process still delivers to Slack and Discord);
  // only the processes with its role listen to it. Slack's HTTP mode listens through the web role.
  const enabled = await deps.platforms(ctx);
  const platforms = enabled.filter((p) => roles.has(p.platform) || (p.platform === 'slack' && roles.has('web')));
  // Links printed on the terminal point at this process's own port (PORT may be 0: any free one) unless a public
  // address is configured; the port is known once the server listens, below.
  let webBase = publicUrl(env);
  const ports: ChatPorts = { console: new ConsoleChat(deps.out, loaded.config.timezone, clock, { chartDir: join(env.LIAISON_DATA_DIR, 'charts'), web: () => webBase }) };
  for (const platform of enabled) ports[platform.platform] = platform.chat;
  ports.tracker = new TrackerPort(ctx, await createTrackerClients(loaded.trackers), publicUrl(env));
  ports.webhook = new WebhookPort(loaded.outboundWebhooks, publicUrl(env), clock, logger);
  const metrics = new HttpMetrics(database.db, clock);
  // Stopped in this order: no new input first (HTTP, platforms), then the scheduler, then the worker's last round.
  const stops = { input: [] as StopStep[], scheduler: named('scheduler', async () => {}), worker: named('worker', async () => {}) };

  let server: ServerType | undefined;
  let port: number | undefined;
  // Started once the server listens, before the chat platforms (Discord's gateway may take a while), after its delay;
  // it gives way to readiness probes and sign-ins between its steps.
  const warmUp = impactWarmUp(ctx, { delayMs: deps.warmUpDelayMs });
  if (roles.has('web')) {
    const trackerRoutes = (a: Parameters<NonNullable<PlatformAdapter['mountHttp']>>[0]) => mountTrackerWebhooks(a, ctx, loaded.trackers, (team, outcome) => metrics.trackerWebhooks.inc({ team, outcome }));
    const app = createHttpApp({ ctx, webhookSecrets: loaded.webhookSecrets, metrics, health: () => database.health(), metricsToken: env.METRICS_TOKEN, extend: [...platforms.map((p) => (a: Parameters<typeof trackerRoutes>[0]) => p.mountHttp?.(a)), trackerRoutes], web: { ctx, publicUrl: publicUrl(env), warmUp } });
    port = await new Promise<number>((resolve, reject) => {
      server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => resolve(info.port));
      applyKeepAlive(server);
      server.once('error', (error: NodeJS.ErrnoException) => reject(listenFailure(error, env)));
    });
    stops.input.unshift(named('http', () => closeHttpServer(server as ServerType, HTTP_GRACE_MS), { boundMs: HTTP_GRACE_MS + 500 }));
    if (!env.LIAISON_PUBLIC_URL) webBase = `http://localhost:${port}`;
    warmUp.start();
    stops.input.push(named('web warm-up', () => warmUp.stop()));
  }
  // After HTTP, so that a restart is ready (intake, Slack's HTTP mode: their routes are mounted already) without
  // waiting for the chat connections (Discord's gateway waits for every guild).
  for (const platform of platforms) {
    await platform.start();
    stops.input.push(named(platform.platform, () => platform.stop()));
  }
  if (roles.has('worker')) {
    const worker = new OutboxWorker({ db: database.db, config: loaded.config, ports, clock, logger, observer: metrics });
    worker.start();
    stops.worker = named('worker', () => worker.stop(), { boundMs: WORKER_STOP_MS, needsDatabase: true });
  }
  if (roles.has('scheduler')) {
    const handlers = new Map<string, InboundHandler>([...platforms.flatMap((p) => [...p.inboundHandlers]), ...trackerInboundHandlers(ctx)]);
    const jobs: Job[] = [
      { name: 'digests', run: () => runDueDigests(ctx) },
      ...slaJobs(ctx),
      inboundRetryJob(database.db, clock, logger, handlers),
      inboundRetentionJob(database.db, clock),
      ...(loaded.config.routing.retrain ? [retrainJob(ctx, deps.routingModel, loaded.config.routing.retrain.schedule)] : []),
    ];
    const scheduler = new Scheduler(jobs, logger, loaded.config.timezone);
    await scheduler.start();
    stops.scheduler = named('scheduler', () => scheduler.stop(), { needsDatabase: true });
  }
  // Every process that captures classifies, so every process picks up a newly trained model, whatever its roles.
  const modelRefresh = new Scheduler([{ name: 'routing-model', run: () => deps.routingModel.refresh() }], logger, loaded.config.timezone);
  await modelRefresh.start();
  stops.input.push(named('routing-model refresh', () => modelRefresh.stop()));
  // The heap bound in force (README "Memory": the start command's, or the operator's own).
  logger.info({ roles: [...roles], port, platforms: platforms.map((p) => p.platform), config: loaded.path, heapLimitMB: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20) }, 'Liaison started');
  return {
    ctx,
    port,
    platforms: platforms.map((p) => p.platform),
    async stop() {
      // Told to stop while the database is down (the embedded server died): nothing waiting on it can finish.
      const databaseDown = !database.health().ok;
      await runStops([...stops.input, stops.scheduler, stops.worker], logger, { databaseDown });
      const started = Date.now();
      await database.shutdown({ databaseDown });
      logger.debug({ step: 'database', ms: Date.now() - started }, 'stopped');
    },
  };
}

/** A port in use or an address this machine does not have, in one line (and a likely reason). */
function listenFailure(error: NodeJS.ErrnoException, env: Env): Error {
  if (error.code === 'EADDRINUSE') return new StartupError(`Port ${env.PORT} on ${env.HOST} is already in use (another Liaison?); set PORT to use another.`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'EACCES') return new StartupError(`Cannot listen on ${env.HOST}:${env.PORT} (${error.code}); check HOST and PORT.`);
  return error;
}
