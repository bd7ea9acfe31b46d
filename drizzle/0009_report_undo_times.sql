-- An undo also changes the figures of the moment the action it takes back was taken: a day of a running period is
-- kept judged as of now (core/digest/settled-days.ts), and an acknowledge undone today no longer counts in it.
CREATE OR REPLACE FUNCTION report_actions_changed() RETURNS trigger AS $$
BEGIN
  IF (SELECT last_value FROM report_horizon_ms) = 0 THEN RETURN NULL; END IF;
  PERFORM report_log_change(ARRAY[NEW.created_at,
    CASE WHEN NEW.undoes_id IS NOT NULL THEN (SELECT created_at FROM actions WHERE id = NEW.undoes_id) END]);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
