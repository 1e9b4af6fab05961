DROP INDEX "documents_sha256_key";--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "file_id" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "segment_number" smallint;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "segment" jsonb;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_file_id_documents_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_file_segment_key" ON "documents" USING btree ("file_id","segment_number") WHERE "documents"."file_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_sha256_key" ON "documents" USING btree ("sha256") WHERE "documents"."file_id" is null;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_file_check" CHECK ("documents"."file_id" <> "documents"."id");