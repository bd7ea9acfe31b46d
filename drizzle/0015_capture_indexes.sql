-- Two index entries fewer per capture. routings_created duplicated routings_team_created: a period's routings, of
-- one team or of all (core/digest/scope.ts names every team), are ranges of the latter. Capture ledger rows leave
-- actions_created: queries by time are about what people and the tracker did (they name their kinds, or say
-- kind <> 'capture'); an item's capture time is feedback_items.captured_at.
DROP INDEX "routings_created";--> statement-breakpoint
DROP INDEX "actions_created";--> statement-breakpoint
CREATE INDEX "actions_created" ON "actions" USING btree ("created_at") WHERE kind <> 'capture';
