/**
 * What the dashboard screens read from `dashboards.get` and send to `dashboards.save` (issue 14).
 * Only the fields the screens use: the server's answer may carry more.
 */
import type { Label } from '../../core/i18n';
import type { ReportChart, ReportResult } from '../../reports/types';

/** A component as the dashboard document stores it: a saved report shown with a chart, `width` of 4 columns. */
export interface DashboardComponent {
  id: string;
  report: string;
  title?: Label;
  width?: number;
  chart?: ReportChart;
}

/** The dashboard filters, as the address and `dashboards.get` carry them. */
export interface DashboardFilters {
  /** A relative period of the condition language (`this_quarter`, `last_30_days`). */
  period?: string;
  /** `$me`, or a user id. */
  owner?: string;
  /** A department id. */
  department?: string;
}

/** One component of a run dashboard: its figures or the reason it has none. */
export interface DashboardComponentRun {
  id: string;
  title: string;
  report: string;
  result?: ReportResult;
  error?: { code: string; message: string };
  /** The condition the dashboard filters added to this component (drill-down keeps it). */
  filter?: unknown;
}
