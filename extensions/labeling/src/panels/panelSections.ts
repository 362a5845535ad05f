import type { ComponentType } from 'react';
import type { LabelingRuntime } from '../runtime/createLabelingRuntime';
import type { ExtensionParams } from '../types/ohif';

/** What a section added to the labels panel gets: the labeling runtime (labels, session) and OHIF's managers. */
export interface PanelSectionProps {
  runtime: LabelingRuntime;
  params: Pick<ExtensionParams, 'servicesManager' | 'commandsManager' | 'extensionManager'>;
}

export interface PanelSection {
  id: string;
  title: string;
  Component: ComponentType<PanelSectionProps>;
}

const sections: PanelSection[] = [];

/**
 * The slot other features of the labeling extension fill in the labels panel (e.g. SR/SEG
 * export and import): register once at load, rendered below the labels in registration order.
 */
export function registerPanelSection(section: PanelSection): void {
  if (sections.some(s => s.id === section.id)) throw new Error(`A labels panel section "${section.id}" is already registered`);
  sections.push(section);
}

export function listPanelSections(): readonly PanelSection[] {
  return sections;
}
