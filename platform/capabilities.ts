/**
 * The record service's write steps, in the order they run within each phase (see
 * platform/data/steps.ts for the phases). Capabilities contribute their steps here, and nowhere
 * else: assignment, duplicate checks and pool rules take their place in this list when they come.
 * Imported where record contexts are built (platform/security/context.ts), so every channel
 * (API, jobs, scripts, tests) writes with the same steps.
 */
import { installWriteSteps, type WriteStep } from './data/steps';
import { approvalFieldsStep, closeOnDeleteStep, lockStep, managedOnCreateStep } from './approvals/steps';
import { assignmentRecordStep, assignmentStep } from './automation/assignment/step';
import { followNotifyStep } from './follows/service';
import { convertedStep } from './process/conversion/guard';
import { gateStep, stageHistoryStep, stageStep } from './process/steps';
import { rollupStep } from './rules/rollups';
import { validationStep } from './rules/validation';
import { maintainedColumnsStep } from './search/steps';
import { dataNoticeStep, dataVersionStep } from './reports/versions';
import { defaultOwnerStep } from './webforms/steps';

export const WRITE_STEPS: readonly WriteStep[] = [
  managedOnCreateStep, // input
  lockStep, // locked
  convertedStep, // beforeValidation: a converted lead is read-only
  assignmentStep, // beforeValidation (before the process: a stage rule may read the owner)
  stageStep, // beforeValidation
  defaultOwnerStep, // beforeValidation (after assignment: a form's owner when no rule set one)
  gateStep, // validate
  validationStep, // validate
  closeOnDeleteStep, // beforeWrite
  approvalFieldsStep, // afterWrite
  stageHistoryStep, // afterWrite
  rollupStep, // afterWrite
  maintainedColumnsStep, // afterWrite
  dataNoticeStep, // afterWrite
  assignmentRecordStep, // afterWrite
  followNotifyStep, // afterCommit
  dataVersionStep, // afterCommit
];

installWriteSteps(WRITE_STEPS);
