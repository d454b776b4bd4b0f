-- Assignment rules and queues (issue 15): a user may be away until a date (round-robin skips them),
-- each round-robin entry keeps its position in one row (an atomic UPDATE ... RETURNING per create,
-- so parallel creates take turns without a deadlock), and each assigned record says which rule and
-- entry assigned it and, while it waits, in which queue (the access check grants queue members).

ALTER TABLE "users" ADD COLUMN "away_until" DATE;

CREATE TABLE "assignment_counters" (
    "workspace_id" UUID NOT NULL,
    "object" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "entry" TEXT NOT NULL,
    "position" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "assignment_counters_pkey" PRIMARY KEY ("workspace_id", "object", "rule", "entry")
);

CREATE TABLE "record_assignments" (
    "workspace_id" UUID NOT NULL,
    "object" TEXT NOT NULL,
    "record_id" UUID NOT NULL,
    "rule" TEXT NOT NULL,
    "entry" TEXT NOT NULL,
    "queue" TEXT,
    "assigned_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "taken_by" UUID,
    "taken_at" TIMESTAMPTZ(3),
    CONSTRAINT "record_assignments_pkey" PRIMARY KEY ("workspace_id", "object", "record_id")
);
CREATE INDEX "record_assignments_workspace_id_object_queue_record_id_idx" ON "record_assignments"("workspace_id", "object", "queue", "record_id");
