import type { Settings } from './runtime.js';

/** What a newcomer needs on screen after `npm start`: where it listens, where messages go, how to send one. */
export function startupBanner(info: Settings & { port: number | undefined; platforms: string[]; slack: boolean; discord: boolean }): string {
  const { config } = info.loaded;
  const base = info.port === undefined ? undefined : `http://localhost:${info.port}`;
  const lines = [
    '',
    `Liaison is running for ${config.organisation.name}${info.loaded.isExample ? ' (the built-in example organisation; set LIAISON_CONFIG to use yours)' : ` (${info.loaded.path})`}.`,
    ...(base ? [`  health:  ${base}/healthz   metrics: ${base}/metrics`] : []),
    `  delivering to: ${[...info.platforms, ...(info.slack && info.discord ? [] : ['console (this terminal)'])].join(', ')}`,
    `  database: ${info.env.DATABASE_URL ? 'DATABASE_URL' : `embedded PostgreSQL in ${info.env.LIAISON_DATA_DIR}/pg`}`,
  ];
  const webhooks = [...info.loaded.webhookSecrets.keys()];
  if (base && webhooks.length > 0) {
    lines.push(`  intake:  POST ${base}/intake/<key> for ${webhooks.join(', ')} (signed; see README "Webhook intake")`);
    if (info.loaded.isExample) {
      lines.push('  try it:  npm run liaison -- send-example   (posts a signed example to the forum intake)');
    }
  }
  return `${lines.join('\n')}\n\n`;
}
