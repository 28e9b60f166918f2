import { NotFoundError, ValidationError } from '../../db/errors.js';
import { allFieldKeys, getCustomField, listCustomFields } from '../../db/repositories/custom-fields.js';
import { templateFieldOwners } from '../../db/repositories/templates.js';
import type { CustomField } from '../../preload/contract/grid-types.js';
import { fieldKey } from '../domain/custom-fields.js';
import type { Handlers } from './handlers.js';
import type { ApiSession } from './session.js';

type K = 'customFields:list' | 'customFields:create' | 'customFields:update' | 'customFields:delete';

const NEEDS_CHOICES = new Set(['choice', 'multi']);

function mustField(s: ApiSession, id: string): CustomField {
  const f = getCustomField(s.db(), id);
  if (!f) throw new NotFoundError(`No custom field ${id} (it may have been deleted).`);
  return f;
}

function checkChoices(type: string, choices: string[]): string[] {
  const unique = [...new Set(choices.map((c) => c.trim()).filter(Boolean))];
  if (NEEDS_CHOICES.has(type) && unique.length === 0) throw new ValidationError('Choices: a choice field needs at least one choice', [{ field: 'choices', message: 'Choices: a choice field needs at least one choice' }]);
  if (unique.some((c) => c.includes(';'))) throw new ValidationError('Choices: a choice may not contain ";" (it separates multiple choices)', [{ field: 'choices', message: 'Choices may not contain ";"' }]);
  return NEEDS_CHOICES.has(type) ? unique : [];
}

/** Workspace-defined measure fields: shown in the grid and the detail panel, validated like built-ins. */
export function customFieldHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'customFields:list': () => listCustomFields(s.db()),
    'customFields:create': ({ label, type, choices, requiredFromDi }) => {
      const db = s.db();
      if (listCustomFields(db).some((f) => f.label.toLowerCase() === label.toLowerCase()))
        throw new ValidationError(`Label: a field called "${label}" already exists`, [{ field: 'label', message: `A field called "${label}" already exists` }]);
      const key = fieldKey(label, allFieldKeys(db));
      // The key would mean two things on a template's measures (grid column, import, --by): refused, not renamed behind the user's back.
      const clash = templateFieldOwners(db).get(key);
      if (clash) {
        const message = `The key "${key}" is a field of the template "${clash.template}" (${clash.label}); call the workspace field something else, or use the template's field.`;
        throw new ValidationError(`Label: ${message}`, [{ field: 'label', message }]);
      }
      const list = checkChoices(type, choices ?? []);
      const { value } = s.act(`Add field ${label}`, (w) => {
        const max = db.prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM custom_fields').get() as { n: number };
        return w.insert('custom_fields', { key, label, type, choices: JSON.stringify(list), required_from_di: requiredFromDi ?? null, sort_order: max.n });
      });
      return mustField(s, value);
    },
    'customFields:update': ({ id, label, choices, requiredFromDi }) => {
      const f = mustField(s, id);
      const values: Record<string, string | number | null> = {};
      if (label !== undefined) {
        if (listCustomFields(s.db()).some((x) => x.id !== id && x.label.toLowerCase() === label.toLowerCase()))
          throw new ValidationError(`Label: a field called "${label}" already exists`, [{ field: 'label', message: `A field called "${label}" already exists` }]);
        values.label = label;
      }
      if (choices !== undefined) values.choices = JSON.stringify(checkChoices(f.type, choices));
      if (requiredFromDi !== undefined) values.required_from_di = requiredFromDi;
      s.act(`Edit field ${f.label}`, (w) => w.update('custom_fields', id, values));
      return mustField(s, id);
    },
    'customFields:delete': ({ id }) => {
      const f = mustField(s, id);
      s.act(`Delete field ${f.label}`, (w) => w.remove('custom_fields', id));
      return null;
    },
  };
}
