import type { GeometryKind } from '@readingroom/platform-shim';
import { evaluatorNames } from './id';
import { listAllowedGeometries } from './schema/listPickerOptions';
import type { LabelsStore } from './runtime/labelsStore';
import { selectActiveSchema } from './runtime/labelsStore';
import { isToolAllowed } from './toolbar/labelingTools';
import type { ToolbarEvaluatorModule } from './types/ohif';

/** Shows a labeling tool only when the active project's schema allows its geometry. */
export function getToolbarModule(store: LabelsStore): ToolbarEvaluatorModule[] {
  return [
    {
      name: evaluatorNames.schemaAllows,
      evaluate: ({ geometry }) => {
        const schema = selectActiveSchema(store.getState())?.definition;
        const allowed = isToolAllowed({ geometry: geometry as GeometryKind | 'classification' }, listAllowedGeometries(schema), Boolean(schema?.noFinding));
        return allowed ? undefined : { disabled: true, visible: false, disabledText: 'Not in this project’s label schema' };
      },
    },
  ];
}
