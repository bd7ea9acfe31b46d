CREATE TABLE "tracker_issues" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"routing_id" bigint NOT NULL,
	"item_id" bigint NOT NULL,
	"team_id" text NOT NULL,
	"tracker" text NOT NULL,
	"status" text NOT NULL,
	"issue_key" text,
	"issue_id" text,
	"url" text,
	"title" text,
	"state" text,
	"state_label" text,
	"public" boolean DEFAULT false NOT NULL,
	"remote_updated_at" timestamp with time zone,
	"last_error" text,
	"requests" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"key" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tracker_issues" ADD CONSTRAINT "tracker_issues_routing_id_routings_id_fk" FOREIGN KEY ("routing_id") REFERENCES "public"."routings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_issues" ADD CONSTRAINT "tracker_issues_item_id_feedback_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."feedback_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracker_issues" ADD CONSTRAINT "tracker_issues_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tracker_issues_routing" ON "tracker_issues" USING btree ("routing_id");--> statement-breakpoint
CREATE INDEX "tracker_issues_issue" ON "tracker_issues" USING btree ("team_id","tracker","issue_id");--> statement-breakpoint
CREATE INDEX "tracker_issues_created" ON "tracker_issues" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "deliveries_webhook_chain" ON "deliveries" USING btree ("channel_id","id") WHERE platform = 'webhook';