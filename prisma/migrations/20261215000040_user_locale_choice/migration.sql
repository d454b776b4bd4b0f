-- A user's language is their stored choice, else what their browser asks for, else English.
-- "Not chosen" is NULL. Until now 'en' was only the column default (the language switch set a
-- cookie, never the user's row), so a stored 'en' becomes "not chosen"; Chinese stays chosen.
ALTER TABLE "users" ALTER COLUMN "locale" DROP NOT NULL;
ALTER TABLE "users" ALTER COLUMN "locale" DROP DEFAULT;
UPDATE "users" SET "locale" = NULL WHERE "locale" = 'en';

-- The language the user's browser asked for at their last sign-in: notifications and e-mails,
-- written away from any request, use it for a user who has not chosen one.
ALTER TABLE "users" ADD COLUMN "browser_locale" TEXT;
