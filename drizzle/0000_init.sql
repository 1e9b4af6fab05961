CREATE TABLE "documents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "documents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"sha256" text NOT NULL,
	"file_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"media_type" text,
	"size" bigint NOT NULL,
	"format" text,
	"kind" text,
	"form" text,
	"circular" text,
	"number" text,
	"place" text,
	"issued_on" date,
	"school_year" text,
	"school" text,
	"school_level" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"error_code" text,
	"error" text,
	"rules_version" text,
	"issues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "documents_status_check" CHECK ("documents"."status" in ('queued', 'ingesting', 'extracting', 'stored', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "extraction_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "extraction_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"rules_version" text NOT NULL,
	"filter" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"documents" integer DEFAULT 0 NOT NULL,
	"changed" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"items_added" integer DEFAULT 0 NOT NULL,
	"items_removed" integer DEFAULT 0 NOT NULL,
	"changes" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "focus_issues" (
	"document_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"row_no" text,
	"standard" integer,
	"criterion" text,
	"current_state" text,
	"limitation" text,
	"cause" text,
	CONSTRAINT "focus_issues_document_id_ordinal_pk" PRIMARY KEY("document_id","ordinal")
);
--> statement-breakpoint
CREATE TABLE "items" (
	"document_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"standard" integer,
	"criterion" text,
	"criterion_name" text,
	"level" integer,
	"row_no" text,
	"note" text,
	"content" text,
	"target" text,
	"solution" text,
	"support" text,
	"indicator" text,
	"evidence" text,
	"owner" text,
	"owners" text[],
	"timeline" text,
	"timeline_start" date,
	"timeline_end" date,
	"budget_text" text,
	"budget_vnd" bigint,
	"funding_source" text,
	"status_text" text,
	"status" text,
	"planned" text,
	"adjusted" text,
	"done" text,
	"in_progress" text,
	"not_done" text,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"provenance" jsonb NOT NULL,
	"confidence" real NOT NULL,
	CONSTRAINT "items_document_id_ordinal_pk" PRIMARY KEY("document_id","ordinal")
);
--> statement-breakpoint
CREATE TABLE "layouts" (
	"document_id" integer PRIMARY KEY NOT NULL,
	"layout" jsonb NOT NULL,
	"reader" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_rows" (
	"document_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"when" text,
	"content" text,
	"result" text,
	"adjustment" text,
	"assessor" text,
	CONSTRAINT "monitoring_rows_document_id_ordinal_pk" PRIMARY KEY("document_id","ordinal")
);
--> statement-breakpoint
ALTER TABLE "focus_issues" ADD CONSTRAINT "focus_issues_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "layouts" ADD CONSTRAINT "layouts_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_rows" ADD CONSTRAINT "monitoring_rows_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_sha256_key" ON "documents" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "documents_status_idx" ON "documents" USING btree ("status");--> statement-breakpoint
CREATE INDEX "documents_kind_year_idx" ON "documents" USING btree ("kind","school_year");--> statement-breakpoint
CREATE INDEX "items_criterion_idx" ON "items" USING btree ("criterion");