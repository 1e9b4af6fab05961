ALTER TABLE "documents" ADD COLUMN "copy_key" text;--> statement-breakpoint
CREATE INDEX "documents_copy_key_idx" ON "documents" USING btree ("copy_key");--> statement-breakpoint
CREATE INDEX "documents_copy_key_missing_idx" ON "documents" USING btree ("id") WHERE "documents"."copy_key" is null and "documents"."rules_version" is not null;