/**
 * Workspace settings an administrator edits: the month the fiscal year starts in (fiscal quarters
 * and years in conditions and reports follow it). The time zone is the server's and only shown.
 */
import { AppError } from '../../core/errors';
import { t } from '../../core/i18n';
import { periodBounds } from '../../core/periods';
import { clock } from '../../core/time';
import type { Prisma } from '../../db/prisma';
import { forgetRemembered } from '../../db/listen';
import { audit } from '../audit';
import type { AdminActor } from './users';

export interface WorkspaceSettings {
  fiscalYearStartMonth: number;
  timeZone: string;
  /** The current fiscal year as dates [from, to), to show what the setting means. */
  thisFiscalYear: { from: string; to: string };
}

function settingsOf(fiscalYearStartMonth: number): WorkspaceSettings {
  const at = clock();
  return { fiscalYearStartMonth, timeZone: at.timeZone, thisFiscalYear: periodBounds('this_fiscal_year', at, fiscalYearStartMonth) };
}

/** The workspace's settings. */
export async function getWorkspaceSettings(prisma: Prisma, actor: AdminActor): Promise<WorkspaceSettings> {
  const ws = await prisma.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId }, select: { fiscalYearStartMonth: true } });
  return settingsOf(ws.fiscalYearStartMonth);
}

/** Change the settings given (VALIDATION_FAILED naming the field for a bad value); audited. */
export async function updateWorkspaceSettings(prisma: Prisma, actor: AdminActor, input: Record<string, unknown>): Promise<WorkspaceSettings> {
  const month = input.fiscalYearStartMonth;
  if (month !== undefined && (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12)) {
    const message = t(actor.locale, 'settings.fiscalMonth');
    throw new AppError('VALIDATION_FAILED', message, [{ field: 'fiscalYearStartMonth', pointer: '/fiscalYearStartMonth', code: 'settings.fiscalMonth', message }]);
  }
  if (month === undefined) return getWorkspaceSettings(prisma, actor);
  await prisma.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: actor.workspaceId }, data: { fiscalYearStartMonth: month } });
    await audit(tx, {
      workspaceId: actor.workspaceId,
      userId: actor.userId,
      action: 'settings.update',
      targetType: 'workspace',
      targetId: actor.workspaceId,
      details: { fiscalYearStartMonth: month },
    });
  });
  // Principals carry the setting: this process forgets them now, others on the trigger's notice.
  forgetRemembered();
  return settingsOf(month);
}
