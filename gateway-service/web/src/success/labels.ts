// Message keys of the customer success screens, typed so a missing key breaks the build.
import type { MessageKey } from '../i18n/messages';
import type { Kind, Scope } from './api';

export const listTitleKey = (scope: Scope, kind: Kind) => `success.list.${scope}.${kind}` as MessageKey;
export const kindKey = (kind: Kind) => `success.kind.${kind}` as MessageKey;
export const stateKey = (state: string) => `success.state.${state}` as MessageKey;
export const sourceKey = (source: string) => `success.source.${source}` as MessageKey;
export const fieldKey = (field: string) => `success.field.${field}` as MessageKey;
