ALTER TABLE "documents" ADD COLUMN "duplicate_of" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_duplicate_of_documents_id_fk" FOREIGN KEY ("duplicate_of") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_duplicate_of_idx" ON "documents" USING btree ("duplicate_of");--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_copy_check" CHECK ("documents"."duplicate_of" <> "documents"."id");