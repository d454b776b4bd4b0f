/**
 * The dashboard screens' view of `dashboards.*` (platform/dashboards/types.ts and the generated
 * dashboard definition): type-only imports, so nothing of the server reaches the browser.
 */
import type { ApprovalsComponentView, ComponentView, DashboardSummary, DashboardView as DashboardRun, ReportComponentView } from '../../dashboards/types';
import type { DashboardFilterInput } from '../../dashboards/filters';
import type { Component, DashboardDefinition } from '../../metadata/generated/dashboard';

export type { ApprovalsComponentView, ComponentView, DashboardDefinition, DashboardRun, DashboardSummary, ReportComponentView };

/** A component as the dashboard document stores it (`width` of a 12-column grid). */
export type DashboardComponent = Component;

/** The dashboard filters the address carries; absent: the dashboard's default; `date: null`: any time. */
export type DashboardFilters = Pick<DashboardFilterInput, 'owner' | 'department' | 'role'> & { date?: string | null };
