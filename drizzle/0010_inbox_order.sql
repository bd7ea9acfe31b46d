-- A team's open routings in the inbox's order (core/list-inbox.ts). The columns inside the order's expressions are
-- included as well: PostgreSQL answers from the index alone (an index-only scan) only when every column the query
-- reads is in it, and the inbox's count over thousands of open routings then never visits the table.
CREATE INDEX "routings_inbox" ON "routings" USING btree ("team_id",(case when status = 'open' then acknowledge_at_risk_at else resolve_at_risk_at end) nulls last,(case when status = 'open' then acknowledge_due_at else resolve_due_at end) nulls last,"created_at","id") INCLUDE ("item_id", "status", "acknowledge_at_risk_at", "resolve_at_risk_at", "acknowledge_due_at", "resolve_due_at") WHERE status in ('open', 'acknowledged', 'owned');
