import type { LabelSchemaDefinition } from '@readingroom/platform-shim';
import { useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { PanelButton } from '../ui/PanelButton';
import { buttonStyle, colors, kbdStyle, primaryButtonStyle } from '../ui/theme';
import { AttributeField } from './AttributeFields';
import type { PickerController } from './createPickerController';
import { attributesOf, visibleOptions, type PickerState } from './pickerModel';
import { useFocusTrap } from './useFocusTrap';

const WIDTH = 320;
const GEOMETRY_WORDS: Record<string, string> = {
  point: 'point',
  length: 'length',
  bidirectional: 'bidirectional measurement',
  ellipse: 'ellipse',
  rectangle: 'rectangle',
  freehand: 'freehand contour',
  segmentation: 'segmentation',
};

const styles = {
  dialog: { position: 'fixed', zIndex: 10000, width: WIDTH, maxHeight: '70vh', overflowY: 'auto', background: colors.surface, color: colors.text, border: `1px solid ${colors.accent}`, borderRadius: 6, boxShadow: '0 8px 24px rgba(0,0,0,0.6)', padding: 10, fontSize: 13 },
  title: { fontSize: 14, margin: '0 0 6px', fontWeight: 600 },
  filter: { width: '100%', boxSizing: 'border-box', background: colors.surfaceRaised, color: colors.text, border: `1px solid ${colors.border}`, borderRadius: 4, padding: '5px 7px', fontSize: 13 },
  list: { listStyle: 'none', margin: '6px 0 0', padding: 0 },
  option: { display: 'flex', alignItems: 'center', gap: 8, padding: '4px 6px', borderRadius: 4, cursor: 'pointer' },
  swatch: { width: 10, height: 10, borderRadius: 2, flex: 'none' },
  hint: { color: colors.muted, fontSize: 11, margin: '6px 0 0' },
  error: { color: colors.error, fontSize: 12, margin: '6px 0 0' },
  actions: { display: 'flex', gap: 6, justifyContent: 'flex-end', marginTop: 8 },
} as const;

export interface LabelPickerProps {
  state: PickerState;
  schema: LabelSchemaDefinition;
  controller: Pick<PickerController, 'dispatch' | 'accept' | 'cancel'>;
}

function titleOf(state: PickerState): string {
  const { request } = state;
  if (request.mode === 'edit') return 'Edit label';
  if (request.subject.kind === 'classification') return 'Classify';
  return `Label this ${GEOMETRY_WORDS[request.subject.geometryKind] ?? request.subject.geometryKind}`;
}

/**
 * The label picker: a modal dialog at the annotation. Type to filter, ↑/↓ to move, 1–9 (empty
 * filter) or Enter to choose; required attributes follow in the same dialog; Esc cancels.
 */
export function LabelPicker({ state, schema, controller }: LabelPickerProps) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusTrap(ref);
  const position = usePosition(ref, state.request.anchor);
  const options = visibleOptions(state);
  const attributes = attributesOf(schema, state.chosen);

  const choose = (index?: number) => {
    const option = options[index ?? state.highlighted];
    if (!option) return;
    controller.dispatch({ type: 'choose', ...(index === undefined ? {} : { index }) });
    if (attributesOf(schema, option).length === 0) controller.accept();
  };

  const onFilterKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      controller.dispatch({ type: 'move', delta: event.key === 'ArrowDown' ? 1 : -1 });
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose();
    } else if (/^[1-9]$/.test(event.key) && state.filter === '' && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      choose(Number(event.key) - 1);
    }
  };

  const onDialogKey = (event: KeyboardEvent) => {
    // Keys typed here are the picker's: OHIF's hotkeys (W/L presets on 1–4, ...) must not see them.
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      controller.cancel();
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    controller.accept();
  };
  const onFormKey = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target as HTMLElement;
    if (event.key === 'Enter' && target.tagName !== 'BUTTON' && target.tagName !== 'TEXTAREA') {
      event.preventDefault();
      controller.accept();
    }
  };

  return (
    <div
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-labelledby="rr-picker-title"
      aria-describedby="rr-picker-hint"
      data-testid="rr-label-picker"
      data-step={state.step}
      onKeyDown={onDialogKey}
      style={{ ...styles.dialog, ...position }}
    >
      <h2 id="rr-picker-title" style={styles.title}>
        {titleOf(state)}
      </h2>
      {state.step === 'type' ? (
        <>
          <input
            role="combobox"
            aria-label="Finding type"
            aria-expanded="true"
            aria-controls="rr-picker-options"
            aria-autocomplete="list"
            aria-activedescendant={options[state.highlighted] ? `rr-picker-option-${state.highlighted}` : undefined}
            value={state.filter}
            onChange={event => controller.dispatch({ type: 'filter', text: event.target.value })}
            onKeyDown={onFilterKey}
            placeholder="Type to filter…"
            autoFocus
            autoComplete="off"
            style={styles.filter}
          />
          <ul id="rr-picker-options" role="listbox" aria-label="Finding types" style={styles.list}>
            {options.map((option, i) => (
              <li
                key={`${option.findingTypeId}:${option.geometryKind}`}
                id={`rr-picker-option-${i}`}
                role="option"
                aria-selected={i === state.highlighted}
                data-testid="rr-picker-option"
                data-finding-type={option.findingTypeId}
                onMouseDown={event => event.preventDefault()}
                onClick={() => choose(i)}
                style={{ ...styles.option, background: i === state.highlighted ? colors.surfaceRaised : 'transparent' }}
              >
                <kbd style={kbdStyle}>{state.filter === '' && i < 9 ? i + 1 : ''}</kbd>
                <span aria-hidden style={{ ...styles.swatch, background: option.color ?? colors.border }} />
                <span style={{ flex: 1 }}>{option.label}</span>
                {option.geometryKind.endsWith('classification') ? <span style={{ color: colors.muted, fontSize: 11 }}>{option.geometryKind === 'study-classification' ? 'study' : 'series'}</span> : null}
              </li>
            ))}
          </ul>
          {state.options.length === 0 ? <p role="alert" style={styles.error}>No finding type of this project can be labeled this way. Press Esc.</p> : null}
          {state.options.length > 0 && options.length === 0 ? <p style={styles.hint}>No finding type matches “{state.filter}”.</p> : null}
        </>
      ) : (
        <form onSubmit={onSubmit} onKeyDown={onFormKey} aria-label={`${state.chosen?.label ?? ''} attributes`} noValidate>
          <p style={{ margin: '0 0 4px' }}>
            <span style={{ color: colors.muted }}>Finding </span>
            <strong data-testid="rr-picker-chosen">{state.chosen?.label}</strong>{' '}
            <PanelButton onActivate={() => controller.dispatch({ type: 'back' })} style={buttonStyle}>
              Change
            </PanelButton>
          </p>
          {attributes.map((attribute, i) => (
            <AttributeField
              key={attribute.id}
              attribute={attribute}
              value={state.values[attribute.id] ?? ''}
              error={state.errors[attribute.id]}
              onChange={text => controller.dispatch({ type: 'setValue', attributeId: attribute.id, text })}
              autoFocus={i === firstFieldToFocus(attributes, state.errors)}
            />
          ))}
          <div style={styles.actions}>
            <PanelButton onActivate={() => controller.cancel()} style={buttonStyle}>
              Cancel <kbd style={kbdStyle}>Esc</kbd>
            </PanelButton>
            <button type="submit" style={primaryButtonStyle} data-testid="rr-picker-save">
              Save <kbd style={kbdStyle}>Enter</kbd>
            </button>
          </div>
        </form>
      )}
      {state.formErrors.map(message => (
        <p key={message} role="alert" style={styles.error}>
          {message}
        </p>
      ))}
      <p id="rr-picker-hint" style={styles.hint}>
        {state.step === 'type' ? '↑↓ move · Enter or 1–9 choose · Esc cancel' : 'Tab next field · 1–9 pick an option · Enter save · Esc cancel'}
        {state.request.mode === 'create' && state.request.subject.kind === 'drawn' ? ' (the drawing is removed)' : ''}
      </p>
    </div>
  );
}

function firstFieldToFocus(attributes: ReturnType<typeof attributesOf>, errors: Record<string, string>): number {
  const withError = attributes.findIndex(a => errors[a.id]);
  return withError >= 0 ? withError : 0;
}

/** Fixed position next to the anchor, kept inside the window; centred without an anchor. */
function usePosition(ref: RefObject<HTMLDivElement | null>, anchor: { x: number; y: number } | undefined) {
  const [position, setPosition] = useState<{ left: number; top: number }>(() => ({ left: Math.max(8, (window.innerWidth - WIDTH) / 2), top: 120 }));
  // After every render: the dialog grows when the attributes step replaces the list. The
  // equality check below ends the loop the rule warns about.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const height = ref.current?.offsetHeight || 320;
    const x = anchor?.x ?? (window.innerWidth - WIDTH) / 2;
    const y = anchor?.y ?? window.innerHeight / 3;
    const left = Math.min(Math.max(8, x + 16), Math.max(8, window.innerWidth - WIDTH - 8));
    const top = Math.min(Math.max(8, y + 16), Math.max(8, window.innerHeight - height - 8));
    setPosition(p => (p.left === left && p.top === top ? p : { left, top }));
  });
  return position;
}
