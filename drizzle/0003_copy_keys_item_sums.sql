CREATE TABLE "item_sums" (
	"grain" smallint NOT NULL,
	"kind" text,
	"form" text,
	"circular" text,
	"school_level" text,
	"school_year" text,
	"is_copy" boolean NOT NULL,
	"standard" integer,
	"criterion" text,
	"items" integer NOT NULL,
	"with_budget" integer NOT NULL,
	"total_vnd" numeric NOT NULL,
	"documents" integer NOT NULL,
	"cell" text GENERATED ALWAYS AS ("grain"::text || '|' || coalesce("kind", '') || '|' || coalesce("form", '') || '|' || coalesce("circular", '') || '|' || coalesce("school_level", '') || '|' || coalesce("school_year", '') || '|' || "is_copy"::text || '|' || coalesce("standard"::text, '') || '|' || coalesce("criterion", '')) STORED NOT NULL
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "copy_key" text;--> statement-breakpoint
CREATE INDEX "item_sums_cell_idx" ON "item_sums" USING btree ("cell");--> statement-breakpoint
CREATE INDEX "documents_copy_key_idx" ON "documents" USING btree ("copy_key");--> statement-breakpoint
CREATE INDEX "documents_copy_key_missing_idx" ON "documents" USING btree ("id") WHERE "documents"."copy_key" is null and "documents"."rules_version" is not null;--> statement-breakpoint
-- Item sums (src/store/schema.ts, itemSums): kept by the triggers below in the transaction that
-- changes items or documents, as rows of changes; src/store/item-sums.ts folds them together.
-- A document's contribution: per criterion (grain 1), per standard (2) and in all (3), one document each.
CREATE OR REPLACE FUNCTION "khcl_item_contributions"(ids int[])
RETURNS TABLE (document_id int, grain smallint, standard int, criterion text, items int, with_budget int, total_vnd numeric)
LANGUAGE sql STABLE AS $$
  SELECT i.document_id, (CASE grouping(i.standard, i.criterion) WHEN 0 THEN 1 WHEN 1 THEN 2 ELSE 3 END)::smallint,
    i.standard, i.criterion, count(*)::int, count(i.budget_vnd)::int, coalesce(sum(i.budget_vnd), 0)::numeric
  FROM "items" i WHERE i.document_id = ANY(ids)
  GROUP BY GROUPING SETS ((i.document_id, i.standard, i.criterion), (i.document_id, i.standard), (i.document_id))
$$;--> statement-breakpoint
-- Every cell from the items alone: the first fill, and what a test compares the kept sums with.
CREATE OR REPLACE FUNCTION "khcl_item_sums_derived"()
RETURNS TABLE (grain smallint, kind text, form text, circular text, school_level text, school_year text, is_copy boolean, standard int, criterion text, items int, with_budget int, total_vnd numeric, documents int)
LANGUAGE sql STABLE AS $$
  SELECT c.grain, d.kind, d.form, d.circular, d.school_level, d.school_year, d.duplicate_of IS NOT NULL, c.standard, c.criterion,
    sum(c.items)::int, sum(c.with_budget)::int, sum(c.total_vnd), count(*)::int
  FROM "khcl_item_contributions"(array(SELECT id FROM "documents")) c JOIN "documents" d ON d.id = c.document_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
$$;--> statement-breakpoint
-- Changes to items, per document, standard and criterion (n, nb, total signed), as change rows
-- under each document's facts. A document counts in a cell when it has an item there now and had
-- none before (now minus the change), or the other way round.
CREATE OR REPLACE FUNCTION "khcl_item_sums_apply"(doc_ids int[], stds int[], crits text[], ns int[], nbs int[], totals numeric[])
RETURNS void LANGUAGE sql AS $$
  WITH d AS (
    SELECT u.document_id, u.standard, u.criterion, sum(u.n)::int n, sum(u.nb)::int nb, sum(u.total) total
    FROM unnest(doc_ids, stds, crits, ns, nbs, totals) AS u(document_id, standard, criterion, n, nb, total)
    GROUP BY 1, 2, 3),
  now AS (SELECT * FROM "khcl_item_contributions"(array(SELECT DISTINCT document_id FROM d))),
  changed AS (
    SELECT document_id, 1::smallint grain, standard, criterion, n, nb, total FROM d
    UNION ALL SELECT document_id, 2::smallint, standard, NULL, sum(n)::int, sum(nb)::int, sum(total) FROM d GROUP BY document_id, standard
    UNION ALL SELECT document_id, 3::smallint, NULL, NULL, sum(n)::int, sum(nb)::int, sum(total) FROM d GROUP BY document_id),
  delta AS (
    SELECT c.document_id, c.grain, c.standard, c.criterion, c.n, c.nb, c.total,
      (coalesce(w.items, 0) > 0)::int - (coalesce(w.items, 0) - c.n > 0)::int docs
    FROM changed c LEFT JOIN now w ON w.document_id = c.document_id AND w.grain = c.grain
      AND coalesce(w.standard, -1) = coalesce(c.standard, -1) AND coalesce(w.criterion, '') = coalesce(c.criterion, ''))
  INSERT INTO "item_sums" (grain, kind, form, circular, school_level, school_year, is_copy, standard, criterion, items, with_budget, total_vnd, documents)
  SELECT x.grain, doc.kind, doc.form, doc.circular, doc.school_level, doc.school_year, doc.duplicate_of IS NOT NULL, x.standard, x.criterion,
    sum(x.n), sum(x.nb), sum(x.total), sum(x.docs)
  FROM delta x JOIN "documents" doc ON doc.id = x.document_id
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  HAVING sum(x.n) <> 0 OR sum(x.nb) <> 0 OR sum(x.total) <> 0 OR sum(x.docs) <> 0
$$;--> statement-breakpoint
-- Items inserted (+) or deleted (-): both triggers name their transition table changed_items.
CREATE OR REPLACE FUNCTION "khcl_items_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s int := CASE TG_OP WHEN 'DELETE' THEN -1 ELSE 1 END;
BEGIN
  PERFORM "khcl_item_sums_apply"(array_agg(document_id), array_agg(standard), array_agg(criterion), array_agg(n), array_agg(nb), array_agg(total))
  FROM (SELECT document_id, standard, criterion, s * count(*)::int n, s * count(budget_vnd)::int nb, s * coalesce(sum(budget_vnd), 0)::numeric total
    FROM changed_items GROUP BY 1, 2, 3) x;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "khcl_items_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "khcl_item_sums_apply"(array_agg(document_id), array_agg(standard), array_agg(criterion), array_agg(n), array_agg(nb), array_agg(total))
  FROM (SELECT document_id, standard, criterion, sum(s)::int n, sum(s * (budget_vnd IS NOT NULL)::int)::int nb, coalesce(sum(s * budget_vnd), 0)::numeric total
    FROM (SELECT 1 s, * FROM new_items UNION ALL SELECT -1, * FROM old_items) b GROUP BY 1, 2, 3) x;
  RETURN NULL;
END $$;--> statement-breakpoint
-- A document whose facts or copy link changed takes its items' contribution from the old cells to the new ones.
CREATE OR REPLACE FUNCTION "khcl_documents_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH moved AS (
    SELECT o.id, o.kind ok, o.form ofm, o.circular oc, o.school_level ol, o.school_year oy, o.duplicate_of IS NOT NULL ocp,
      n.kind nk, n.form nf, n.circular nc, n.school_level nl, n.school_year ny, n.duplicate_of IS NOT NULL ncp
    FROM old_documents o JOIN new_documents n ON n.id = o.id
    WHERE (o.kind, o.form, o.circular, o.school_level, o.school_year, o.duplicate_of IS NULL)
      IS DISTINCT FROM (n.kind, n.form, n.circular, n.school_level, n.school_year, n.duplicate_of IS NULL)),
  cells AS (
    SELECT id, -1 sign, ok kind, ofm form, oc circular, ol school_level, oy school_year, ocp is_copy FROM moved
    UNION ALL SELECT id, 1, nk, nf, nc, nl, ny, ncp FROM moved)
  INSERT INTO "item_sums" (grain, kind, form, circular, school_level, school_year, is_copy, standard, criterion, items, with_budget, total_vnd, documents)
  SELECT c.grain, f.kind, f.form, f.circular, f.school_level, f.school_year, f.is_copy, c.standard, c.criterion,
    sum(f.sign * c.items), sum(f.sign * c.with_budget), sum(f.sign * c.total_vnd), sum(f.sign)
  FROM cells f JOIN "khcl_item_contributions"(array(SELECT id FROM moved)) c ON c.document_id = f.id
  GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
  HAVING sum(f.sign * c.items) <> 0 OR sum(f.sign * c.with_budget) <> 0 OR sum(f.sign * c.total_vnd) <> 0 OR sum(f.sign) <> 0;
  RETURN NULL;
END $$;--> statement-breakpoint
-- A deleted document takes its items' contribution with it, before the cascade removes the items
-- (whose own trigger then finds no document and adds nothing).
CREATE OR REPLACE FUNCTION "khcl_document_deleting"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "item_sums" (grain, kind, form, circular, school_level, school_year, is_copy, standard, criterion, items, with_budget, total_vnd, documents)
  SELECT c.grain, OLD.kind, OLD.form, OLD.circular, OLD.school_level, OLD.school_year, OLD.duplicate_of IS NOT NULL, c.standard, c.criterion,
    -c.items, -c.with_budget, -c.total_vnd, -1
  FROM "khcl_item_contributions"(ARRAY[OLD.id]) c;
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER "items_sums_insert" AFTER INSERT ON "items" REFERENCING NEW TABLE AS changed_items FOR EACH STATEMENT EXECUTE FUNCTION "khcl_items_changed"();--> statement-breakpoint
CREATE TRIGGER "items_sums_delete" AFTER DELETE ON "items" REFERENCING OLD TABLE AS changed_items FOR EACH STATEMENT EXECUTE FUNCTION "khcl_items_changed"();--> statement-breakpoint
CREATE TRIGGER "items_sums_update" AFTER UPDATE ON "items" REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION "khcl_items_updated"();--> statement-breakpoint
CREATE TRIGGER "documents_sums_update" AFTER UPDATE ON "documents" REFERENCING OLD TABLE AS old_documents NEW TABLE AS new_documents FOR EACH STATEMENT EXECUTE FUNCTION "khcl_documents_updated"();--> statement-breakpoint
CREATE TRIGGER "documents_sums_delete" BEFORE DELETE ON "documents" FOR EACH ROW EXECUTE FUNCTION "khcl_document_deleting"();--> statement-breakpoint
INSERT INTO "item_sums" (grain, kind, form, circular, school_level, school_year, is_copy, standard, criterion, items, with_budget, total_vnd, documents)
SELECT * FROM "khcl_item_sums_derived"();
