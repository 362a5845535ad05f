import { validateLabelAgainstSchema, validateLabelSchemaDefinition, type CodedConcept, type LabelSchemaDefinition, type LabelSnapshot } from '@readingroom/platform-shim';
import { getDemoStudyGenerator } from '../generateDemoStudies.js';
import { codes } from './codes.js';
import { demoProjects } from './demoProjects.js';

function* conceptsOf(schema: LabelSchemaDefinition): Generator<[string, CodedConcept]> {
  for (const finding of schema.findingTypes) {
    yield [`${finding.id}`, finding.code];
    yield [`${finding.id} category`, finding.category];
    for (const attribute of finding.attributes) {
      if (attribute.code) yield [`${finding.id}/${attribute.id}`, attribute.code];
      if (attribute.kind === 'number') yield [`${finding.id}/${attribute.id} unit`, attribute.unit];
      if (attribute.kind === 'enum') for (const option of attribute.options) yield [`${finding.id}/${attribute.id}=${option.id}`, option.code];
    }
  }
  if (schema.noFinding) yield ['no finding', schema.noFinding.code];
}

describe.each(demoProjects.map(p => [p.projectId, p] as const))('demo project %s', (_id, project) => {
  it('has a schema the shared validator accepts', () => {
    expect(validateLabelSchemaDefinition(project.schema)).toEqual({ ok: true, value: project.schema });
  });

  it('offers every geometry kind the issue asks of it and an explicit "no finding"', () => {
    const kinds = new Set(project.schema.findingTypes.flatMap(f => f.geometries));
    const expected =
      project.projectId === 'lung-nodules-ct'
        ? ['length', 'bidirectional', 'ellipse', 'segmentation', 'study-classification']
        : ['point', 'rectangle', 'freehand', 'study-classification'];
    expect([...kinds].sort()).toEqual(expected.sort());
    expect(project.schema.noFinding).toBeDefined();
  });

  it('uses only codes from the checked table, in the schemes DICOM names', () => {
    const known = new Set(Object.values(codes).map(c => JSON.stringify(c)));
    for (const [where, concept] of conceptsOf(project.schema)) {
      expect([where, known.has(JSON.stringify(concept))]).toEqual([where, true]);
      expect(['SCT', 'RADLEX', 'DCM', 'UCUM']).toContain(concept.CodingSchemeDesignator);
    }
  });

  it('labels demo studies that exist', () => {
    for (const key of project.studies) expect(getDemoStudyGenerator(key).describe({ seed: 1 }).StudyInstanceUID).toMatch(/^[0-9.]+$/);
  });
});

describe('the code table', () => {
  it('gives each concept one meaning and SNOMED CT ids the check digit they must have', () => {
    const byValue = new Map<string, string>();
    for (const concept of Object.values(codes)) {
      const key = `${concept.CodingSchemeDesignator}:${concept.CodeValue}`;
      expect([key, byValue.get(key) ?? concept.CodeMeaning]).toEqual([key, concept.CodeMeaning]);
      byValue.set(key, concept.CodeMeaning);
      if (concept.CodingSchemeDesignator === 'SCT') expect([concept.CodeValue, isVerhoeffValid(concept.CodeValue)]).toEqual([concept.CodeValue, true]);
      if (concept.CodingSchemeDesignator === 'RADLEX') expect(concept.CodeValue).toMatch(/^RID\d+$/);
    }
  });

  it('rejects a mistyped SNOMED CT id (the check digit catches it)', () => {
    expect(isVerhoeffValid('27925004')).toBe(true);
    expect(isVerhoeffValid('27925005')).toBe(false);
  });
});

describe('a label on the demo lung schema', () => {
  const schema = demoProjects[0]!.schema;
  const nodule: LabelSnapshot = {
    labelId: '0192f0c8-0000-7000-8000-000000000001',
    projectId: 'lung-nodules-ct',
    schemaVersion: 1,
    findingTypeId: 'nodule',
    attributes: { type: 'part-solid', 'mean-diameter': 7.5, lobe: 'rul', 'lung-rads': '3' },
    status: 'draft',
    scope: 'image',
    StudyInstanceUID: '1.2.1',
    SeriesInstanceUID: '1.2.2',
    SOPInstanceUID: '1.2.3',
    geometry: { kind: 'bidirectional', toolName: 'Bidirectional', points: [[0, 0, 0], [8, 0, 0], [4, -3, 0], [4, 3, 0]] },
  };

  it('is accepted with its attributes, and refused without its lobe', () => {
    expect(validateLabelAgainstSchema(nodule, schema)).toEqual([]);
    const { lobe: _lobe, ...withoutLobe } = nodule.attributes;
    expect(validateLabelAgainstSchema({ ...nodule, attributes: withoutLobe }, schema)).toEqual(['/attributes/lobe: Lobe is required']);
  });
});

/** SNOMED CT identifiers end in a Verhoeff check digit; a typo in a concept id fails it. */
function isVerhoeffValid(digits: string): boolean {
  const d = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1], [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
  ];
  const p = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1], [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
  ];
  let c = 0;
  [...digits].reverse().forEach((ch, i) => {
    c = d[c]![p[i % 8]![Number(ch)]!]!;
  });
  return c === 0;
}
