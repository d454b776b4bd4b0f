-- Data backfills an upgrade needs (a roll-up column or a sales process added to a table that has
-- rows). Converge only adds the columns and records a row here; the job queue fills the rows in
-- batches, `last_id` being where it got to (so a restarted job goes on from there), while reads
-- compute the values of a field whose backfill is not done. One row per workspace, object, field
-- and kind: a later upgrade needing the same backfill again puts a done row back in the queue.

CREATE TABLE "backfills" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "workspace_id" UUID NOT NULL,
    "object" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "done_rows" INTEGER NOT NULL DEFAULT 0,
    "total_rows" INTEGER,
    "last_id" UUID,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    CONSTRAINT "backfills_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "backfills_workspace_id_object_field_kind_key" ON "backfills"("workspace_id", "object", "field", "kind");
CREATE INDEX "backfills_status_idx" ON "backfills"("status");
