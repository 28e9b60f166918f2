import { createElement } from 'react';
import { addDetailSection } from '../detail/sections';
import { KpiSection } from './KpiSection';
import { WorkflowSection } from './WorkflowSection';

/** Puts the workflow and KPI sections in the measure detail panel, after the fields. */
addDetailSection({ id: 'workflow', title: 'Workflow', render: (id) => createElement(WorkflowSection, { measureId: id }) }, 'milestones');
addDetailSection({ id: 'kpis', title: 'Service KPIs', render: (id) => createElement(KpiSection, { measureId: id }) }, 'milestones');
