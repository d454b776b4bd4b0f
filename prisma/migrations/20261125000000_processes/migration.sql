-- Stage history: every stage change of a record that follows a sales process.
CREATE TABLE "stage_history" (
    "id" BIGSERIAL NOT NULL,
    "workspace_id" UUID NOT NULL,
    "object" TEXT NOT NULL,
    "record_id" UUID NOT NULL,
    "process" TEXT NOT NULL,
    "from_stage" TEXT,
    "to_stage" TEXT NOT NULL,
    "amount" DECIMAL(30,4),
    "probability" DECIMAL(7,2),
    "changed_by" UUID,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" TEXT NOT NULL,
    CONSTRAINT "stage_history_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "stage_history_workspace_id_object_record_id_changed_at_idx" ON "stage_history"("workspace_id", "object", "record_id", "changed_at");
