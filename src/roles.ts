/** What one process runs (`liaison start --roles`); the default runs them all. Kept apart from main.ts so that
 * the CLI can name them without loading the whole bot. */
export const ROLES = ['web', 'worker', 'scheduler', 'slack', 'discord'] as const;
export type Role = (typeof ROLES)[number];
