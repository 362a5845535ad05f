import type { PanelDefinition } from '../types/ohif';
import type { LabelingRuntime } from '../runtime/createLabelingRuntime';
import { LabelsPanel } from './LabelsPanel';

export function getPanelModule(runtime: LabelingRuntime): PanelDefinition[] {
  return [
    {
      name: 'labels',
      iconName: 'tab-linear',
      iconLabel: 'Labels',
      label: 'Labels',
      component: () => <LabelsPanel store={runtime.store} sender={runtime.sender} />,
    },
  ];
}
