import type { TrackerConnection } from '../../config/tracker-secrets.js';
import type { TrackerClient } from './tracker-client.js';

/**
 * A client per team with a tracker. Each SDK is loaded only when some team uses it: @linear/sdk alone is a large
 * module, and most installations use one tracker or none.
 */
export async function createTrackerClients(trackers: Map<string, TrackerConnection>): Promise<Map<string, TrackerClient>> {
  const clients = new Map<string, TrackerClient>();
  for (const [team, connection] of trackers) {
    if (connection.kind === 'github') {
      const { GitHubClient } = await import('./github-client.js');
      clients.set(team, new GitHubClient(connection));
    } else if (connection.kind === 'linear') {
      const { LinearClient } = await import('./linear-client.js');
      clients.set(team, new LinearClient(connection));
    } else {
      const { JiraClient } = await import('./jira-client.js');
      clients.set(team, new JiraClient(connection));
    }
  }
  return clients;
}
