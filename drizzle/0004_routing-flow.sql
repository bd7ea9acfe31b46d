CREATE TABLE "skipped_chatter" (
	"community_id" text NOT NULL,
	"day" date NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "skipped_chatter_community_id_day_pk" PRIMARY KEY("community_id","day")
);
--> statement-breakpoint
ALTER TABLE "actions" ALTER COLUMN "item_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "watched_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "actions" ADD COLUMN "member_id" bigint;--> statement-breakpoint
ALTER TABLE "skipped_chatter" ADD CONSTRAINT "skipped_chatter_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actions_member" ON "actions" USING btree ("member_id") WHERE member_id is not null;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_about_item_or_member" CHECK (item_id is not null or member_id is not null);