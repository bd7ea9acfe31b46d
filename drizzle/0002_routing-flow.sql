CREATE TABLE "skipped_chatter" (
	"community_id" text NOT NULL,
	"day" date NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "skipped_chatter_community_id_day_pk" PRIMARY KEY("community_id","day")
);
--> statement-breakpoint
ALTER TABLE "skipped_chatter" ADD CONSTRAINT "skipped_chatter_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;