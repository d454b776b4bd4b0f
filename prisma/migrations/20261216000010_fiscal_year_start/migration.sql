-- The month (1-12) a workspace's fiscal year starts in: fiscal quarters and years in conditions
-- ("this fiscal year") and report date buckets follow it. January: the calendar year.
ALTER TABLE "workspaces" ADD COLUMN "fiscal_year_start_month" INTEGER NOT NULL DEFAULT 1;
