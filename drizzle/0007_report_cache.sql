CREATE TABLE "report_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"covers" "tstzrange" NOT NULL,
	"snapshot" "pg_snapshot" NOT NULL,
	"payload" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"touched" "tstzmultirange" NOT NULL,
	"xid" "xid8" NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_changes_touched" ON "report_changes" USING gist ("touched");--> statement-breakpoint
-- The newest end of a cached period, in epoch milliseconds (0: nothing cached yet). A sequence because its value is
-- seen by every transaction at once, whatever its snapshot: core/digest/closed-period-cache.ts raises it, then
-- waits for every writer that might have read the old value to finish.
CREATE SEQUENCE "report_horizon_ms" AS bigint MINVALUE 0 START WITH 0;
--> statement-breakpoint
-- Writes the moments a change touched to report_changes when any reaches back before the horizon (NULL: all time).
CREATE FUNCTION report_log_change(points timestamptz[]) RETURNS void AS $$
DECLARE
  horizon timestamptz := to_timestamp((SELECT last_value FROM report_horizon_ms) / 1000.0);
BEGIN
  IF points IS NULL THEN
    INSERT INTO report_changes (touched, xid) VALUES ('{(,)}'::tstzmultirange, pg_current_xact_id());
  ELSIF EXISTS (SELECT 1 FROM unnest(points) p WHERE p < horizon) THEN
    INSERT INTO report_changes (touched, xid)
      SELECT range_agg(tstzrange(p, p, '[]')), pg_current_xact_id() FROM unnest(points) p WHERE p IS NOT NULL;
  END IF;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- An item: its capture time places it in its period (category, sentiment, merges and its community are read too).
CREATE FUNCTION report_items_changed() RETURNS trigger AS $$
BEGIN
  IF (SELECT last_value FROM report_horizon_ms) = 0 THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' THEN
    IF (OLD.captured_at, OLD.merged_into_id, OLD.community_id, OLD.category, OLD.sentiment) IS NOT DISTINCT FROM
       (NEW.captured_at, NEW.merged_into_id, NEW.community_id, NEW.category, NEW.sentiment) THEN RETURN NULL; END IF;
    -- Its routings and actions are counted under its community at their own times: every period may move.
    IF OLD.community_id IS DISTINCT FROM NEW.community_id THEN PERFORM report_log_change(NULL); RETURN NULL; END IF;
    PERFORM report_log_change(ARRAY[OLD.captured_at, NEW.captured_at]);
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM report_log_change(ARRAY[NEW.captured_at]);
  ELSE
    PERFORM report_log_change(ARRAY[OLD.captured_at]);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A routing: every time figures compare it by, before and after, and its item's capture time (the item's state).
CREATE FUNCTION report_routings_changed() RETURNS trigger AS $$
DECLARE
  points timestamptz[] := '{}';
BEGIN
  IF (SELECT last_value FROM report_horizon_ms) = 0 THEN RETURN NULL; END IF;
  IF TG_OP = 'UPDATE' AND
     (OLD.item_id, OLD.team_id, OLD.status, OLD.hops, OLD.created_at, OLD.first_action_at, OLD.resolved_at, OLD.closed_at, OLD.acknowledge_due_at, OLD.resolve_due_at) IS NOT DISTINCT FROM
     (NEW.item_id, NEW.team_id, NEW.status, NEW.hops, NEW.created_at, NEW.first_action_at, NEW.resolved_at, NEW.closed_at, NEW.acknowledge_due_at, NEW.resolve_due_at) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    points := points || ARRAY[OLD.created_at, OLD.first_action_at, OLD.resolved_at, OLD.closed_at, OLD.acknowledge_due_at, OLD.resolve_due_at,
      (SELECT captured_at FROM feedback_items WHERE id = OLD.item_id)];
  END IF;
  IF TG_OP <> 'DELETE' THEN
    points := points || ARRAY[NEW.created_at, NEW.first_action_at, NEW.resolved_at, NEW.closed_at, NEW.acknowledge_due_at, NEW.resolve_due_at,
      (SELECT captured_at FROM feedback_items WHERE id = NEW.item_id)];
  END IF;
  PERFORM report_log_change(points);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- An action (the ledger is append-only): its time. An undo counts only before a period's end, so at its own time too.
CREATE FUNCTION report_actions_changed() RETURNS trigger AS $$
BEGIN
  IF (SELECT last_value FROM report_horizon_ms) = 0 THEN RETURN NULL; END IF;
  PERFORM report_log_change(ARRAY[NEW.created_at]);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- TRUNCATE fires no row trigger: forget every cached figure.
CREATE FUNCTION report_tables_truncated() RETURNS trigger AS $$
BEGIN
  DELETE FROM report_cache;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER feedback_items_report_changes AFTER INSERT OR UPDATE OR DELETE ON feedback_items FOR EACH ROW EXECUTE FUNCTION report_items_changed();
--> statement-breakpoint
CREATE TRIGGER routings_report_changes AFTER INSERT OR UPDATE OR DELETE ON routings FOR EACH ROW EXECUTE FUNCTION report_routings_changed();
--> statement-breakpoint
CREATE TRIGGER actions_report_changes AFTER INSERT ON actions FOR EACH ROW EXECUTE FUNCTION report_actions_changed();
--> statement-breakpoint
CREATE TRIGGER report_truncated AFTER TRUNCATE ON feedback_items FOR EACH STATEMENT EXECUTE FUNCTION report_tables_truncated();
--> statement-breakpoint
CREATE TRIGGER report_truncated AFTER TRUNCATE ON routings FOR EACH STATEMENT EXECUTE FUNCTION report_tables_truncated();
--> statement-breakpoint
CREATE TRIGGER report_truncated AFTER TRUNCATE ON actions FOR EACH STATEMENT EXECUTE FUNCTION report_tables_truncated();
