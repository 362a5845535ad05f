import type { AttributeDefinition } from '@readingroom/platform-shim';
import type { KeyboardEvent } from 'react';
import { colors, kbdStyle } from '../ui/theme';

const styles = {
  field: { display: 'block', margin: '8px 0', border: 'none', padding: 0 },
  label: { display: 'block', color: colors.text, fontSize: 12, marginBottom: 3 },
  input: { width: '100%', boxSizing: 'border-box', background: colors.surface, color: colors.text, border: `1px solid ${colors.border}`, borderRadius: 4, padding: '4px 6px', fontSize: 13 },
  option: { display: 'flex', alignItems: 'center', gap: 6, padding: '2px 4px', borderRadius: 3, cursor: 'pointer', fontSize: 13 },
  hint: { color: colors.muted, fontSize: 11 },
  error: { color: colors.error, fontSize: 12, margin: '2px 0 0' },
} as const;

interface FieldProps {
  attribute: AttributeDefinition;
  value: string;
  error?: string;
  onChange: (text: string) => void;
  autoFocus?: boolean;
}

/** One attribute of a finding type: enum options (keys 1–9 choose), a number with its unit and range, or text. */
export function AttributeField({ attribute, value, error, onChange, autoFocus }: FieldProps) {
  const id = `rr-attr-${attribute.id}`;
  const errorId = `${id}-error`;
  const describedBy = error ? errorId : undefined;
  const requiredMark = attribute.required ? <span aria-hidden> *</span> : null;
  if (attribute.kind === 'enum') {
    const onKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
      const index = Number(event.key) - 1;
      const option = Number.isInteger(index) && index >= 0 ? attribute.options[index] : undefined;
      if (!option) return;
      event.preventDefault();
      onChange(option.id);
      // Focus follows the choice, as with the arrow keys, so Tab then leaves the group.
      event.currentTarget.querySelector<HTMLInputElement>(`input[value="${option.id}"]`)?.focus();
    };
    return (
      <fieldset style={styles.field} role="radiogroup" aria-labelledby={`${id}-legend`} aria-required={attribute.required} aria-invalid={Boolean(error)} aria-describedby={describedBy} onKeyDown={onKeyDown} data-testid="rr-attribute" data-attribute-id={attribute.id}>
        <span id={`${id}-legend`} style={styles.label}>
          {attribute.label}
          {requiredMark}
        </span>
        {attribute.options.map((option, i) => (
          <label key={option.id} style={{ ...styles.option, background: value === option.id ? colors.surfaceRaised : 'transparent' }}>
            <input
              type="radio"
              name={id}
              value={option.id}
              checked={value === option.id}
              onChange={() => onChange(option.id)}
              autoFocus={autoFocus && (value === option.id || (!value && i === 0))}
            />
            {i < 9 ? <kbd style={kbdStyle}>{i + 1}</kbd> : null}
            {option.label}
          </label>
        ))}
        {error ? <p id={errorId} role="alert" style={styles.error}>{error}</p> : null}
      </fieldset>
    );
  }
  const hint =
    attribute.kind === 'number'
      ? [attribute.unit.CodeMeaning, rangeOf(attribute)].filter(Boolean).join(', ')
      : `up to ${attribute.maxLength} characters`;
  return (
    <div style={styles.field} data-testid="rr-attribute" data-attribute-id={attribute.id}>
      <label htmlFor={id} style={styles.label}>
        {attribute.label}
        {attribute.kind === 'number' ? ` (${attribute.unit.CodeValue})` : ''}
        {requiredMark}
      </label>
      <input
        id={id}
        type="text"
        inputMode={attribute.kind === 'number' ? 'decimal' : 'text'}
        maxLength={attribute.kind === 'text' ? attribute.maxLength : 32}
        value={value}
        onChange={event => onChange(event.target.value)}
        aria-required={attribute.required}
        aria-invalid={Boolean(error)}
        aria-describedby={[`${id}-hint`, describedBy].filter(Boolean).join(' ')}
        autoFocus={autoFocus}
        autoComplete="off"
        style={styles.input}
      />
      <span id={`${id}-hint`} style={styles.hint}>
        {hint}
      </span>
      {error ? <p id={errorId} role="alert" style={styles.error}>{error}</p> : null}
    </div>
  );
}

function rangeOf(attribute: Extract<AttributeDefinition, { kind: 'number' }>): string {
  const unit = attribute.unit.CodeValue;
  if (attribute.minimum !== undefined && attribute.maximum !== undefined) return `${attribute.minimum}–${attribute.maximum} ${unit}`;
  if (attribute.minimum !== undefined) return `at least ${attribute.minimum} ${unit}`;
  if (attribute.maximum !== undefined) return `at most ${attribute.maximum} ${unit}`;
  return '';
}
