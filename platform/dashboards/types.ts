/**
 * What a dashboard run returns, on tRPC (`dashboards.get`) and REST (`GET /api/v1/dashboards/{name}`)
 * alike: the definition, the filters as applied, and each component's result or its own error.
 */
import type { InboxItem } from '../approvals/read';
import type { DashboardDefinition } from '../metadata/generated/dashboard';
import type { ReportChart, ReportResult } from '../reports/types';
import type { AppliedFilters } from './filters';

/** A component's failure, in the error shape of the API (`{ code, message, details }`), worded in the viewer's language. */
export interface ComponentError {
  code: string;
  message: string;
  details: { code: string; message: string; pointer?: string; field?: string }[];
}

interface ComponentBase {
  id: string;
  /** The component's title in the viewer's language (its own, else the report's label). */
  title: string;
  width: number;
  height: number;
  order: number;
}

export interface ReportComponentView extends ComponentBase {
  type: 'report';
  /** The saved report's name (the screens link to it and to its export). */
  report: string;
  /** The report's object (drill-down opens `/o/{object}?filter=`). */
  object?: string;
  /** The chart shown: the component's override, else the report's own. */
  chart?: ReportChart;
  /** The date field the dashboard's date range filtered, when one applied. */
  dateField?: string;
  /** The condition the dashboard filters added (already inside every group's `drill`). */
  filter?: unknown;
  result?: ReportResult;
  error?: ComponentError;
}

export interface ApprovalsComponentView extends ComponentBase {
  type: 'approvals';
  approvals?: { items: InboxItem[]; total: number };
  error?: ComponentError;
}

export type ComponentView = ReportComponentView | ApprovalsComponentView;

export interface DashboardView {
  dashboard: DashboardDefinition;
  /** The dashboard's label and description in the viewer's language. */
  label: string;
  description: string;
  filters: AppliedFilters;
  /** Whether the viewer may arrange and save it. */
  canEdit: boolean;
  components: ComponentView[];
  /** When the run finished (component results carry their own `computedAt`: a cached one is older). */
  ranAt: string;
}

/** A dashboard in a list: what the switcher and the folders show. */
export interface DashboardSummary {
  name: string;
  label: { en: string; zh: string };
  description?: { en: string; zh: string };
  folder?: { en: string; zh: string };
  visibility: 'private' | 'shared' | 'public';
  /** True when the viewer may change or remove it. */
  canEdit: boolean;
  components: number;
}
