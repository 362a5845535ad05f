import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import {
  AuditEvent,
  CaseSubmittedEvent,
  LabelCreatedEvent,
  LabelModifiedEvent,
  LabelRemovedEvent,
  TimingSegmentEvent,
  type ClientEvent,
  type ClientEventType,
} from './events.js';
import { LabelSnapshot } from './labels.js';

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * Builds a validator that compiles its schema on first use (not at import time) and
 * reports errors by JSON pointer and rule, never echoing the offending value (it may be PHI).
 */
export function createValidator<S extends TSchema>(schema: S, maxErrors = 5) {
  let check: TypeCheck<S> | undefined;
  return (value: unknown): Validation<Static<S>> => {
    check ??= TypeCompiler.Compile(schema);
    if (check.Check(value)) return { ok: true, value };
    const errors: string[] = [];
    for (const error of check.Errors(value)) {
      errors.push(`${error.path || '/'}: ${error.message}`);
      if (errors.length >= maxErrors) break;
    }
    return { ok: false, errors };
  };
}

const eventValidators: Record<ClientEventType, (value: unknown) => Validation<ClientEvent>> = {
  'label.created': createValidator(LabelCreatedEvent),
  'label.modified': createValidator(LabelModifiedEvent),
  'label.removed': createValidator(LabelRemovedEvent),
  'case.submitted': createValidator(CaseSubmittedEvent),
  'timing.segment': createValidator(TimingSegmentEvent),
  audit: createValidator(AuditEvent),
};

/**
 * Validates one client event against the schema of its own `type`, so errors point at the
 * field that is wrong rather than at "no member of the union matched".
 */
export function validateClientEvent(value: unknown): Validation<ClientEvent> {
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !Object.hasOwn(eventValidators, type)) {
    return {
      ok: false,
      errors: [`/type: must be one of ${Object.keys(eventValidators).join(', ')}`],
    };
  }
  return eventValidators[type as ClientEventType](value);
}

export const validateLabelSnapshot = createValidator(LabelSnapshot);
