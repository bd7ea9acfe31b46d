CREATE TABLE "communities" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" serial PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"platform" text NOT NULL,
	"kind" text NOT NULL,
	"external_id" text NOT NULL,
	"guild_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"last_message_id" text
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"home_platform" text NOT NULL,
	"home_channel" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_identities" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"member_id" bigint NOT NULL,
	"platform" text NOT NULL,
	"external_id" text NOT NULL,
	"display_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feedback_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"source_id" integer NOT NULL,
	"author_id" bigint NOT NULL,
	"title" text,
	"text" text NOT NULL,
	"category" text NOT NULL,
	"category_confidence" real NOT NULL,
	"sentiment" text NOT NULL,
	"urgency" text NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"classification" jsonb NOT NULL,
	"permalink" text,
	"merged_into_id" bigint,
	"posted_at" timestamp with time zone NOT NULL,
	"captured_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"author_external_id" text NOT NULL,
	"source_id" integer NOT NULL,
	"platform" text NOT NULL,
	"channel_id" text NOT NULL,
	"message_id" text NOT NULL,
	"thread_id" text,
	"text" text NOT NULL,
	"permalink" text,
	"captured_via" text NOT NULL,
	"captured_by" text,
	"posted_at" timestamp with time zone NOT NULL,
	"captured_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" bigint NOT NULL,
	"routing_id" bigint,
	"team_id" text,
	"kind" text NOT NULL,
	"via" text NOT NULL,
	"actor_platform" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"reason" text,
	"to_team_id" text,
	"undoes_id" bigint,
	"data" jsonb,
	"idempotency_key" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" bigint NOT NULL,
	"team_id" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reason" jsonb NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"passed_from_id" bigint,
	"hops" integer DEFAULT 0 NOT NULL,
	"owner" jsonb,
	"decline_reason" text,
	"acknowledge_due_at" timestamp with time zone,
	"resolve_due_at" timestamp with time zone,
	"acknowledge_at_risk_at" timestamp with time zone,
	"resolve_at_risk_at" timestamp with time zone,
	"sla_state" text DEFAULT 'on_track' NOT NULL,
	"sla_state_due_at" timestamp with time zone,
	"first_action_at" timestamp with time zone,
	"snoozed_until" timestamp with time zone,
	"snooze_reason" text,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"platform" text NOT NULL,
	"channel_id" text NOT NULL,
	"parent_id" bigint,
	"thread_id" text,
	"edits_id" bigint,
	"item_id" bigint,
	"routing_id" bigint,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"message_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "classifier_models" (
	"id" serial PRIMARY KEY NOT NULL,
	"trained_at" timestamp with time zone NOT NULL,
	"origin" text NOT NULL,
	"example_count" integer NOT NULL,
	"metrics" jsonb,
	"model" jsonb NOT NULL,
	"active" boolean DEFAULT false NOT NULL,
	"examples" jsonb
);
--> statement-breakpoint
CREATE TABLE "inbound_events" (
	"key" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"received_at" timestamp with time zone NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "installation" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduled_runs" (
	"key" text PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"period" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	"result" jsonb
);
--> statement-breakpoint
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
ALTER TABLE "sources" ADD CONSTRAINT "sources_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_identities" ADD CONSTRAINT "member_identities_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback_items" ADD CONSTRAINT "feedback_items_author_id_members_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voices" ADD CONSTRAINT "voices_item_id_feedback_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."feedback_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voices" ADD CONSTRAINT "voices_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voices" ADD CONSTRAINT "voices_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_item_id_feedback_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."feedback_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_routing_id_routings_id_fk" FOREIGN KEY ("routing_id") REFERENCES "public"."routings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routings" ADD CONSTRAINT "routings_item_id_feedback_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."feedback_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routings" ADD CONSTRAINT "routings_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_checks" ADD CONSTRAINT "sla_checks_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_events" ADD CONSTRAINT "sla_events_routing_id_routings_id_fk" FOREIGN KEY ("routing_id") REFERENCES "public"."routings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sources_platform_external_id" ON "sources" USING btree ("platform","external_id");--> statement-breakpoint
CREATE INDEX "sources_community" ON "sources" USING btree ("community_id") WHERE active;--> statement-breakpoint
CREATE UNIQUE INDEX "member_identities_platform_external" ON "member_identities" USING btree ("platform","external_id");--> statement-breakpoint
CREATE INDEX "member_identities_member" ON "member_identities" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "feedback_items_captured_at" ON "feedback_items" USING btree ("captured_at");--> statement-breakpoint
CREATE INDEX "feedback_items_author" ON "feedback_items" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "feedback_items_community" ON "feedback_items" USING btree ("community_id","captured_at");--> statement-breakpoint
CREATE INDEX "feedback_items_merged_into" ON "feedback_items" USING btree ("merged_into_id") WHERE merged_into_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "voices_source_key" ON "voices" USING btree ("platform","channel_id","message_id");--> statement-breakpoint
CREATE INDEX "voices_item" ON "voices" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "voices_member" ON "voices" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "actions_idempotency_key" ON "actions" USING btree ("idempotency_key") WHERE idempotency_key is not null;--> statement-breakpoint
CREATE INDEX "actions_routing" ON "actions" USING btree ("routing_id","id") WHERE routing_id is not null;--> statement-breakpoint
CREATE INDEX "actions_item" ON "actions" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "actions_created" ON "actions" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "actions_undoes" ON "actions" USING btree ("undoes_id") WHERE undoes_id is not null;--> statement-breakpoint
CREATE INDEX "actions_sla_ladder_routing" ON "actions" USING btree ("routing_id") WHERE kind = 'sla_ladder';--> statement-breakpoint
CREATE INDEX "actions_sla_ladder_created" ON "actions" USING btree ("created_at") WHERE kind = 'sla_ladder';--> statement-breakpoint
CREATE UNIQUE INDEX "routings_item_team" ON "routings" USING btree ("item_id","team_id");--> statement-breakpoint
CREATE INDEX "routings_team_created" ON "routings" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE INDEX "routings_created" ON "routings" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "routings_open" ON "routings" USING btree ("team_id","created_at") WHERE status in ('open', 'acknowledged', 'owned');--> statement-breakpoint
CREATE INDEX "routings_first_action" ON "routings" USING btree ("first_action_at") WHERE first_action_at is not null;--> statement-breakpoint
CREATE INDEX "routings_resolved" ON "routings" USING btree ("resolved_at") WHERE resolved_at is not null;--> statement-breakpoint
CREATE INDEX "routings_acknowledge_due" ON "routings" USING btree ("acknowledge_due_at");--> statement-breakpoint
CREATE INDEX "routings_resolve_due" ON "routings" USING btree ("resolve_due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_key" ON "deliveries" USING btree ("key");--> statement-breakpoint
CREATE INDEX "deliveries_due" ON "deliveries" USING btree ("next_attempt_at","id") WHERE status in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "deliveries_message" ON "deliveries" USING btree ("platform","channel_id","message_id") WHERE message_id is not null;--> statement-breakpoint
CREATE INDEX "deliveries_routing" ON "deliveries" USING btree ("routing_id","kind");--> statement-breakpoint
CREATE INDEX "deliveries_parent" ON "deliveries" USING btree ("parent_id") WHERE parent_id is not null;--> statement-breakpoint
CREATE INDEX "deliveries_failed" ON "deliveries" USING btree ("id") WHERE status = 'failed';--> statement-breakpoint
CREATE INDEX "inbound_events_pending" ON "inbound_events" USING btree ("received_at") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "sla_events_once" ON "sla_events" USING btree ("routing_id","target","due_at","state");--> statement-breakpoint
CREATE INDEX "sla_events_team_at" ON "sla_events" USING btree ("team_id","at");