ALTER TABLE "feedback_items" DROP CONSTRAINT "feedback_items_author_id_members_id_fk";
--> statement-breakpoint
ALTER TABLE "voices" DROP CONSTRAINT "voices_item_id_feedback_items_id_fk";
--> statement-breakpoint
ALTER TABLE "voices" DROP CONSTRAINT "voices_member_id_members_id_fk";
--> statement-breakpoint
ALTER TABLE "actions" DROP CONSTRAINT "actions_item_id_feedback_items_id_fk";
--> statement-breakpoint
ALTER TABLE "routings" DROP CONSTRAINT "routings_item_id_feedback_items_id_fk";
--> statement-breakpoint
-- The capture statement inserts or finds the items and members these named (it writes a batch's authors, voices,
-- items, ledger entries and routings at once), neither table is ever deleted from, and every other writer takes
-- the IDs from rows it has just read: the checks, a lookup and a row lock each, were a tenth of what a capture
-- cost the database. The foreign keys to sources, communities and teams stay (a team the config names but the
-- database does not know is still refused).
--
-- New rows tell the report cache what they touch once per statement rather than once per row: a capture
-- statement stores up to 64 items, and three PL/pgSQL calls per item were most of what its triggers cost.
-- Same rule as the row triggers of 0007 and 0009: a row whose moments all lie after the horizon logs nothing,
-- the others log all their moments; updates and deletes keep their row triggers.
CREATE FUNCTION report_horizon() RETURNS timestamptz AS $$
  SELECT to_timestamp((SELECT last_value FROM report_horizon_ms) / 1000.0)
$$ LANGUAGE sql STABLE;
--> statement-breakpoint
CREATE FUNCTION report_items_inserted() RETURNS trigger AS $$
BEGIN
  IF (SELECT last_value FROM report_horizon_ms) = 0 THEN RETURN NULL; END IF;
  PERFORM report_log_change(ARRAY(SELECT captured_at FROM new_rows WHERE captured_at < report_horizon()));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE FUNCTION report_routings_inserted() RETURNS trigger AS $$
BEGIN
  IF (SELECT last_value FROM report_horizon_ms) = 0 THEN RETURN NULL; END IF;
  PERFORM report_log_change(ARRAY(
    SELECT p FROM (
      SELECT ARRAY[r.created_at, r.first_action_at, r.resolved_at, r.closed_at, r.acknowledge_due_at, r.resolve_due_at,
        (SELECT captured_at FROM feedback_items WHERE id = r.item_id)] AS points
      FROM new_rows r
    ) row_points CROSS JOIN LATERAL unnest(row_points.points) p
    WHERE EXISTS (SELECT 1 FROM unnest(row_points.points) q WHERE q < report_horizon())));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE FUNCTION report_actions_inserted() RETURNS trigger AS $$
BEGIN
  IF (SELECT last_value FROM report_horizon_ms) = 0 THEN RETURN NULL; END IF;
  PERFORM report_log_change(ARRAY(
    SELECT p FROM (
      SELECT ARRAY[a.created_at, CASE WHEN a.undoes_id IS NOT NULL THEN (SELECT created_at FROM actions WHERE id = a.undoes_id) END] AS points
      FROM new_rows a
    ) row_points CROSS JOIN LATERAL unnest(row_points.points) p
    WHERE EXISTS (SELECT 1 FROM unnest(row_points.points) q WHERE q < report_horizon())));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER feedback_items_report_changes ON feedback_items;
--> statement-breakpoint
CREATE TRIGGER feedback_items_report_changes AFTER UPDATE OR DELETE ON feedback_items FOR EACH ROW EXECUTE FUNCTION report_items_changed();
--> statement-breakpoint
CREATE TRIGGER feedback_items_report_inserts AFTER INSERT ON feedback_items REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_items_inserted();
--> statement-breakpoint
DROP TRIGGER routings_report_changes ON routings;
--> statement-breakpoint
CREATE TRIGGER routings_report_changes AFTER UPDATE OR DELETE ON routings FOR EACH ROW EXECUTE FUNCTION report_routings_changed();
--> statement-breakpoint
CREATE TRIGGER routings_report_inserts AFTER INSERT ON routings REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_routings_inserted();
--> statement-breakpoint
DROP TRIGGER actions_report_changes ON actions;
--> statement-breakpoint
CREATE TRIGGER actions_report_inserts AFTER INSERT ON actions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_actions_inserted();
