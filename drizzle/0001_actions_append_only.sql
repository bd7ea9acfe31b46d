-- The actions table is a ledger: an undo is a new row, never an edit. Refuse updates and deletes outright.
CREATE FUNCTION liaison_forbid_ledger_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'actions is append-only: record a new action instead of changing action %', OLD.id;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER actions_append_only BEFORE UPDATE OR DELETE ON actions
  FOR EACH ROW EXECUTE FUNCTION liaison_forbid_ledger_change();
