import type { AccountFieldType } from '../../api/types';
import type { AccountFieldDefinition } from '../api';

export const FIELD_TYPES: AccountFieldType[] = ['text', 'number', 'date', 'picklist'];

export interface DefinitionForm {
  name: string;
  label: string;
  type: AccountFieldType;
  options: string;
  required: boolean;
}

export type DefinitionProblem = 'required' | 'name' | 'nameTaken' | 'options' | 'optionsTwice';

/** As billing checks a definition: a name it can key values by, a label, a pick-list with distinct options. */
export function definitionProblems(
  f: DefinitionForm,
  existing: Pick<AccountFieldDefinition, 'name'>[],
): Partial<Record<keyof DefinitionForm, DefinitionProblem>> {
  const p: Partial<Record<keyof DefinitionForm, DefinitionProblem>> = {};
  const name = f.name.trim();
  if (!name) p.name = 'required';
  else if (!/^[a-z][a-zA-Z0-9_]{0,39}$/.test(name)) p.name = 'name';
  else if (existing.some((d) => d.name === name)) p.name = 'nameTaken';
  if (!f.label.trim()) p.label = 'required';
  if (f.type === 'picklist') {
    const options = optionList(f.options);
    if (options.length === 0) p.options = 'options';
    else if (new Set(options).size !== options.length) p.options = 'optionsTwice';
  }
  return p;
}

/** Options typed one per line or comma-separated. */
export function optionList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((o) => o.trim())
    .filter(Boolean);
}

/** What a value input holds for billing: blank is "no value" (null), numbers and dates as typed, trimmed. */
export function fieldValuesBody(
  definitions: Pick<AccountFieldDefinition, 'name'>[],
  values: Record<string, string>,
): Record<string, string | null> {
  return Object.fromEntries(definitions.map((d) => [d.name, values[d.name]?.trim() || null]));
}

export type ValueProblem = 'required' | 'number' | 'date' | 'option';

/** The same checks billing makes of a value against its field's type. */
export function valueProblem(d: AccountFieldDefinition, raw: string | undefined): ValueProblem | null {
  const v = raw?.trim() ?? '';
  if (!v) return d.required ? 'required' : null;
  if (d.type === 'number' && !/^-?[0-9]+(\.[0-9]+)?$/.test(v)) return 'number';
  if (d.type === 'date' && (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))))
    return 'date';
  if (d.type === 'picklist' && !d.options.includes(v)) return 'option';
  return null;
}
