// The portal settings (identity-service's GET /settings, PUT /admin/settings) and their limits, as identity checks them.

export const CASE_SOURCES = ['builtin', 'servicenow'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export interface PortalSettings {
  allowManagersToCreateRequests: boolean;
  caseSource: CaseSource;
  caseReopenWindowDays: number;
  caseArchiveAfterDays: number;
}

/** What the form holds: the numbers as typed. */
export interface SettingsForm {
  allowManagersToCreateRequests: boolean;
  caseSource: string;
  caseReopenWindowDays: string;
  caseArchiveAfterDays: string;
}

export const LIMITS = {
  caseReopenWindowDays: { min: 1, max: 365 },
  caseArchiveAfterDays: { min: 1, max: 3650 },
} as const;

export type SettingsProblem = 'wholeNumber' | 'range' | 'source';

export function toForm(s: PortalSettings): SettingsForm {
  return {
    allowManagersToCreateRequests: s.allowManagersToCreateRequests,
    caseSource: s.caseSource,
    caseReopenWindowDays: String(s.caseReopenWindowDays),
    caseArchiveAfterDays: String(s.caseArchiveAfterDays),
  };
}

export function settingsProblems(f: SettingsForm): Partial<Record<keyof SettingsForm, SettingsProblem>> {
  const p: Partial<Record<keyof SettingsForm, SettingsProblem>> = {};
  if (!(CASE_SOURCES as readonly string[]).includes(f.caseSource)) p.caseSource = 'source';
  for (const key of ['caseReopenWindowDays', 'caseArchiveAfterDays'] as const) {
    const text = f[key].trim();
    if (!/^[0-9]+$/.test(text)) p[key] = 'wholeNumber';
    else if (Number(text) < LIMITS[key].min || Number(text) > LIMITS[key].max) p[key] = 'range';
  }
  return p;
}

/** The body of PUT /api/admin/settings: every setting (the form shows them all). */
export function toRequest(f: SettingsForm): PortalSettings {
  return {
    allowManagersToCreateRequests: f.allowManagersToCreateRequests,
    caseSource: f.caseSource as CaseSource,
    caseReopenWindowDays: Number(f.caseReopenWindowDays.trim()),
    caseArchiveAfterDays: Number(f.caseArchiveAfterDays.trim()),
  };
}
