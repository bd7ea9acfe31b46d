import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { installation } from '../db/schema/index.js';

/** A fact recorded once (the first instance to start writes it) and read by all: e.g. when scheduling began. */
export async function rememberOnce(db: Db, key: string, value: string): Promise<string> {
  await db.insert(installation).values({ key, value }).onConflictDoNothing();
  const [row] = await db.select().from(installation).where(eq(installation.key, key));
  return row?.value ?? value;
}
