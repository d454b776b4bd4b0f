-- What each workspace's schema was last converged at (stock metadata and schema code version, and
-- the workspace's metadata revision), so start-up finds the workspaces that need work in one query
-- and leaves the unchanged ones alone. NULL: never recorded (converged on first use or in the background).

ALTER TABLE "workspaces" ADD COLUMN "converged_key" TEXT;
