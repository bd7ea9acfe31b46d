import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

export interface MemberIdentity {
  platform: 'slack' | 'discord' | 'webhook' | 'console';
  id: string;
  name: string;
}

/**
 * The member behind a platform identity, created on first sight. One statement, so that two captures by a new
 * author in parallel both end up with the same member (the loser of the insert race reads the winner's row).
 */
export async function identifyMember(tx: DbOrTx, identity: MemberIdentity): Promise<number> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const rows = await tx.execute<{ member_id: string }>(sql`
      with existing as (
        update member_identities set display_name = ${identity.name}
        where platform = ${identity.platform} and external_id = ${identity.id}
        returning member_id
      ), created as (
        insert into members (display_name) select ${identity.name} where not exists (select 1 from existing) returning id
      ), linked as (
        insert into member_identities (member_id, platform, external_id, display_name)
        select id, ${identity.platform}, ${identity.id}, ${identity.name} from created
        on conflict (platform, external_id) do nothing
        returning member_id
      )
      select member_id from existing union all select member_id from linked`);
    const row = rows[0];
    if (row) return Number(row.member_id);
  }
  throw new Error(`could not identify member ${identity.platform}:${identity.id}`);
}
