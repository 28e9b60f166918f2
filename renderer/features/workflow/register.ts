import { createElement } from 'react';
import { addDetailSection } from '../detail/sections';
import { WorkflowSection } from './WorkflowSection';

/** Puts the workflow section in the measure detail panel, after the fields. */
addDetailSection({ id: 'workflow', title: 'Workflow', render: (id) => createElement(WorkflowSection, { measureId: id }) }, 'milestones');
