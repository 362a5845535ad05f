import { nodulesTestSchema } from './testSchemas';
import { validateLabelSchemaDefinition } from './validateLabelSchemaDefinition';

const clone = () => structuredClone(nodulesTestSchema);

describe('validateLabelSchemaDefinition', () => {
  it('accepts a well-formed schema', () => {
    expect(validateLabelSchemaDefinition(nodulesTestSchema)).toEqual({ ok: true, value: nodulesTestSchema });
  });

  it.each<[string, (s: ReturnType<typeof clone>) => void, string]>([
    ['no finding types', s => (s.findingTypes = []), '/findingTypes'],
    ['a duplicate finding type id', s => s.findingTypes.push({ ...s.findingTypes[0]! }), '/findingTypes/2/id: duplicate finding type id "nodule"'],
    ['the reserved no-finding id', s => (s.findingTypes[0]!.id = 'no-finding'), '/findingTypes/0/id: "no-finding" is reserved'],
    ['an unknown geometry', s => ((s.findingTypes[0]!.geometries as string[]) = ['hexagon']), '/findingTypes/0/geometries/0'],
    ['a code without meaning', s => ((s.findingTypes[0]!.code as { CodeMeaning?: string }).CodeMeaning = undefined), '/findingTypes/0/code/CodeMeaning'],
    ['a duplicate attribute id', s => s.findingTypes[0]!.attributes.push({ ...s.findingTypes[0]!.attributes[1]! }), '/findingTypes/0/attributes/3/id: duplicate attribute id "diameter"'],
    [
      'minimum above maximum',
      s => Object.assign(s.findingTypes[0]!.attributes[1]!, { minimum: 10, maximum: 1 }),
      '/findingTypes/0/attributes/1: minimum 10 is greater than maximum 1',
    ],
    ['no finding without a study classification', s => (s.findingTypes[1]!.geometries = ['length']), '/noFinding'],
    ['an id with capitals', s => (s.findingTypes[0]!.id = 'Nodule'), '/findingTypes/0/id'],
  ])('rejects %s, naming where', (_name, mutate, expected) => {
    const schema = clone();
    mutate(schema);
    const result = validateLabelSchemaDefinition(schema);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(expected);
  });
});
