import type { LabelingRuntime } from '../runtime/createLabelingRuntime';
import type { ExtensionParams, PanelDefinition } from '../types/ohif';
import { LabelsPanel } from './LabelsPanel';

export function getPanelModule(runtime: LabelingRuntime, params: ExtensionParams): PanelDefinition[] {
  return [
    {
      name: 'labels',
      iconName: 'tab-linear',
      iconLabel: 'Labels',
      label: 'Labels',
      component: () => <LabelsPanel runtime={runtime} params={params} />,
    },
  ];
}
