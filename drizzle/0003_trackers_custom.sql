-- Outbound webhook events, enqueued in the same transaction as their cause, whatever wrote the cause: capture
-- (one statement), an action, an escalation, an SLA breach. Each cause is a ledger row (actions) or an SLA event
-- (sla_events); statement triggers turn the new rows into one outbox row per event and subscribed receiver.
-- Events for one receiver and item form a chain (each delivery's parent is the one before), so the outbox sends
-- them in order and a receiver outage delays, never reorders, them. The event document is built when it is sent
-- (src/core/webhooks/load-webhook-event.ts); the row holds its id, type and the rows it is about.
CREATE FUNCTION liaison_enqueue_webhook_event(p_type text, p_cause text, p_item bigint, p_routing bigint, p_action bigint, p_sla bigint, p_at timestamptz) RETURNS void AS $$
DECLARE
  sub record;
  channel text;
  previous bigint;
BEGIN
  FOR sub IN SELECT key FROM webhook_subscriptions WHERE active AND p_type = ANY (events) ORDER BY key LOOP
    channel := sub.key || '/item:' || p_item;
    -- Two transactions adding to the same chain would both pick the same parent: one waits for the other here.
    PERFORM pg_advisory_xact_lock(hashtext('liaison-webhook-chain:' || channel));
    SELECT id INTO previous FROM deliveries WHERE platform = 'webhook' AND channel_id = channel ORDER BY id DESC LIMIT 1;
    INSERT INTO deliveries (key, kind, platform, channel_id, parent_id, item_id, routing_id, payload, next_attempt_at, created_at)
    VALUES ('webhook:' || sub.key || ':' || p_cause || ':' || p_type, 'webhook_event', 'webhook', channel, previous, p_item, p_routing,
      jsonb_build_object('eventId', gen_random_uuid(), 'type', p_type, 'subscription', sub.key, 'occurredAt', p_at,
        'itemId', p_item, 'routingId', p_routing, 'actionId', p_action, 'slaEventId', p_sla),
      p_at, p_at)
    ON CONFLICT (key) DO NOTHING;
  END LOOP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A ledger row is an event (captured, resolved, declined, escalated, or acted for everything else a person or the
-- tracker did; breach-ladder steps are not: `breached` comes from sla_events; nor are identity links, which concern a member, not an item). Routings a capture, a pass-on or an
-- escalation created are `routed` events right after it.
CREATE FUNCTION liaison_action_webhook_events() RETURNS trigger AS $$
DECLARE
  e record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE active) THEN RETURN NULL; END IF;
  FOR e IN
    SELECT * FROM (
      SELECT a.id AS seq, 0 AS ord, 0::bigint AS sub_ord, a.item_id, a.routing_id, a.id AS action_id, a.created_at AS at, 'action:' || a.id AS cause,
        CASE a.kind WHEN 'capture' THEN 'captured' WHEN 'resolve' THEN 'resolved' WHEN 'decline' THEN 'declined' WHEN 'escalate' THEN 'escalated' ELSE 'acted' END AS type
      FROM new_rows a WHERE a.kind <> 'sla_ladder' AND a.item_id IS NOT NULL
      UNION ALL
      SELECT a.id, 1, r.id, a.item_id, r.id, a.id, a.created_at, 'action:' || a.id || ':routing:' || r.id, 'routed'
      FROM new_rows a JOIN routings r ON r.item_id = a.item_id
      WHERE (a.kind = 'capture' AND r.created_at = a.created_at AND r.passed_from_id IS NULL AND r.reason->>'kind' <> 'escalation')
         OR (a.kind = 'pass_on' AND r.team_id = a.to_team_id)
         OR (a.kind = 'escalate' AND r.id = a.routing_id AND r.created_at = a.created_at AND r.reason->>'kind' = 'escalation')
    ) events ORDER BY seq, ord, sub_ord
  LOOP
    PERFORM liaison_enqueue_webhook_event(e.type, e.cause, e.item_id, e.routing_id, e.action_id, NULL, e.at);
  END LOOP;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE FUNCTION liaison_sla_webhook_events() RETURNS trigger AS $$
DECLARE
  e record;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhook_subscriptions WHERE active) THEN RETURN NULL; END IF;
  FOR e IN SELECT * FROM new_rows s WHERE s.state = 'breached' ORDER BY s.id LOOP
    PERFORM liaison_enqueue_webhook_event('breached', 'sla:' || e.id, e.item_id, e.routing_id, NULL, e.id, e.at);
  END LOOP;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER actions_webhook_events AFTER INSERT ON actions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION liaison_action_webhook_events();
--> statement-breakpoint
CREATE TRIGGER sla_events_webhook_events AFTER INSERT ON sla_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION liaison_sla_webhook_events();
