-- Sign-in throttling: failed attempts per client address and per e-mail address that has no user.

CREATE TABLE "login_throttle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "locked_until" TIMESTAMPTZ(3),
    CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "login_throttle_window_started_at_idx" ON "login_throttle"("window_started_at");
