CREATE TABLE "sla_checks" (
	"team_id" text PRIMARY KEY NOT NULL,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"routing_id" bigint NOT NULL,
	"item_id" bigint NOT NULL,
	"team_id" text NOT NULL,
	"target" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"from_state" text NOT NULL,
	"state" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "routings" ADD COLUMN "acknowledge_at_risk_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "routings" ADD COLUMN "resolve_at_risk_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "routings" ADD COLUMN "sla_state" text DEFAULT 'on_track' NOT NULL;--> statement-breakpoint
ALTER TABLE "routings" ADD COLUMN "sla_state_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sla_checks" ADD CONSTRAINT "sla_checks_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_events" ADD CONSTRAINT "sla_events_routing_id_routings_id_fk" FOREIGN KEY ("routing_id") REFERENCES "public"."routings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_events_once" ON "sla_events" USING btree ("routing_id","target","due_at","state");--> statement-breakpoint
CREATE INDEX "sla_events_team_at" ON "sla_events" USING btree ("team_id","at");--> statement-breakpoint
CREATE INDEX "actions_sla_ladder_routing" ON "actions" USING btree ("routing_id") WHERE kind = 'sla_ladder';--> statement-breakpoint
CREATE INDEX "actions_sla_ladder_created" ON "actions" USING btree ("created_at") WHERE kind = 'sla_ladder';