import { TOOL_NAME_BY_KIND, type GeometryKind } from '@readingroom/platform-shim';
import { LABELING_SHORTCUTS, describeShortcut, type LabelingCommand } from '../keyboard/labelingKeymap';

/** A labeling tool in the toolbar: which Cornerstone3D tool it activates and which schema geometry it serves. */
export interface LabelingTool {
  buttonId: string;
  /** The Cornerstone3D tool made primary; undefined for classification (no drawing). */
  toolName?: string;
  /** The schema geometry that must be allowed for the button to show. */
  geometry: GeometryKind | 'classification';
  icon: string;
  label: string;
  command: LabelingCommand;
}

/** Labelmap tools, added to OHIF's tool groups by the labeling mode (OHIF's basic tool groups have none). */
export const SEGMENTATION_TOOL_NAMES = { brush: 'CircularBrush', eraser: 'CircularEraser', threshold: 'ThresholdCircularBrushDynamic' } as const;

export const LABELING_TOOLS: readonly LabelingTool[] = [
  { buttonId: 'ReadingRoomPoint', toolName: TOOL_NAME_BY_KIND.point, geometry: 'point', icon: 'tool-probe', label: 'Point', command: { kind: 'tool', geometry: 'point' } },
  { buttonId: 'ReadingRoomLength', toolName: TOOL_NAME_BY_KIND.length, geometry: 'length', icon: 'tool-length', label: 'Length', command: { kind: 'tool', geometry: 'length' } },
  { buttonId: 'ReadingRoomBidirectional', toolName: TOOL_NAME_BY_KIND.bidirectional, geometry: 'bidirectional', icon: 'tool-bidirectional', label: 'Bidirectional', command: { kind: 'tool', geometry: 'bidirectional' } },
  { buttonId: 'ReadingRoomEllipse', toolName: TOOL_NAME_BY_KIND.ellipse, geometry: 'ellipse', icon: 'tool-ellipse', label: 'Ellipse', command: { kind: 'tool', geometry: 'ellipse' } },
  { buttonId: 'ReadingRoomRectangle', toolName: TOOL_NAME_BY_KIND.rectangle, geometry: 'rectangle', icon: 'tool-rectangle', label: 'Rectangle', command: { kind: 'tool', geometry: 'rectangle' } },
  { buttonId: 'ReadingRoomFreehand', toolName: TOOL_NAME_BY_KIND.freehand, geometry: 'freehand', icon: 'icon-tool-freehand-roi', label: 'Freehand', command: { kind: 'tool', geometry: 'freehand' } },
  { buttonId: 'ReadingRoomBrush', toolName: SEGMENTATION_TOOL_NAMES.brush, geometry: 'segmentation', icon: 'icon-tool-brush', label: 'Brush', command: { kind: 'tool', geometry: 'segmentation' } },
  { buttonId: 'ReadingRoomEraser', toolName: SEGMENTATION_TOOL_NAMES.eraser, geometry: 'segmentation', icon: 'icon-tool-eraser', label: 'Eraser', command: { kind: 'eraser' } },
  { buttonId: 'ReadingRoomThreshold', toolName: SEGMENTATION_TOOL_NAMES.threshold, geometry: 'segmentation', icon: 'icon-tool-threshold', label: 'Threshold brush', command: { kind: 'threshold' } },
  { buttonId: 'ReadingRoomClassify', geometry: 'classification', icon: 'icon-list-view', label: 'Classify', command: { kind: 'classify' } },
];

/** Every Cornerstone3D tool whose activation starts drawing a label (timing: "from tool activation"). */
export const DRAWING_TOOL_NAMES: ReadonlySet<string> = new Set(LABELING_TOOLS.flatMap(t => (t.toolName && t.command.kind !== 'eraser' ? [t.toolName] : [])));

/** "Length (D)": a tool's name with its shortcut, for tooltips. */
export function describeTool(tool: LabelingTool): string {
  const shortcut = LABELING_SHORTCUTS.find(s => JSON.stringify(s.command) === JSON.stringify(tool.command));
  return shortcut ? `${tool.label} (${describeShortcut(shortcut)})` : tool.label;
}

/** Whether a schema that allows `allowed` offers this tool. */
export function isToolAllowed(tool: Pick<LabelingTool, 'geometry'>, allowed: ReadonlySet<GeometryKind>, hasNoFinding: boolean): boolean {
  if (tool.geometry === 'classification') return allowed.has('study-classification') || allowed.has('series-classification') || hasNoFinding;
  return allowed.has(tool.geometry);
}
