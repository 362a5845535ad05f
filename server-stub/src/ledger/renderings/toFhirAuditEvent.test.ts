import { EVENT_MAPPINGS } from './describeAuditEvent.js';
import { SOURCE, STUDY, sampleRecord } from './testing/sampleRecords.js';
import { toFhirAuditEvent } from './toFhirAuditEvent.js';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const BALP = 'https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.';
const render = (kind: string) => toFhirAuditEvent(sampleRecord(kind), { source: SOURCE });

// kind → BALP pattern (profile, subtype) or, for non-RESTful events, the DCM type; action; outcome.
const EXPECTED: [string, { balp: string; interaction: string } | { dcm: string }, string, string][] = [
  ['label.created', { balp: 'Create', interaction: 'create' }, 'C', '0'],
  ['label.modified', { balp: 'Update', interaction: 'update' }, 'U', '0'],
  ['label.submitted', { balp: 'Update', interaction: 'update' }, 'U', '0'],
  ['label.removed', { balp: 'Delete', interaction: 'delete' }, 'D', '0'],
  ['case.submitted', { balp: 'Update', interaction: 'update' }, 'U', '0'],
  ['study.opened', { balp: 'Read', interaction: 'read' }, 'R', '0'],
  ['series.displayed', { balp: 'Read', interaction: 'read' }, 'R', '0'],
  ['dicomweb.retrieve', { balp: 'Read', interaction: 'read' }, 'R', '0'],
  ['dicomweb.query', { balp: 'Query', interaction: 'search' }, 'E', '0'],
  ['dicomweb.store', { balp: 'Create', interaction: 'create' }, 'C', '0'],
  ['export.created', { dcm: '110106' }, 'R', '0'],
  ['import.received', { dcm: '110107' }, 'C', '0'],
  ['user.login', { dcm: '110114' }, 'E', '0'],
  ['user.logout', { dcm: '110114' }, 'E', '0'],
  ['access.denied', { dcm: '110113' }, 'E', '4'],
  ['security.break-glass', { dcm: '110113' }, 'E', '0'],
  ['ledger.records-lost', { dcm: '110113' }, 'E', '8'],
];

describe('toFhirAuditEvent (FHIR R4 AuditEvent, IHE BALP)', () => {
  it('covers every kind the mapping table names', () => {
    expect(EXPECTED.map(([kind]) => kind).sort()).toEqual(Object.keys(EVENT_MAPPINGS).sort());
  });

  it.each(EXPECTED)('renders %s', (kind, pattern, action, outcome) => {
    const record = sampleRecord(kind);
    const event = toFhirAuditEvent(record, { source: SOURCE });
    // The elements R4 requires (type, recorded, agent with requestor, source with observer), and BALP's.
    expect(event).toMatchObject({ resourceType: 'AuditEvent', id: '42', action, outcome, recorded: record.recordedAt });
    if ('balp' in pattern) {
      expect(event.meta).toEqual({ profile: [`${BALP}${pattern.balp}`] });
      expect(event.type).toEqual({ system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'Restful Operation' });
      expect(event.subtype[0]).toEqual({ system: 'http://hl7.org/fhir/restful-interaction', code: pattern.interaction });
    } else {
      expect(event.meta).toBeUndefined();
      expect(event.type).toMatchObject({ system: DCM, code: pattern.dcm });
    }
    expect(event.subtype).toContainEqual({ system: 'urn:readingroom:audit-kind', code: kind, display: kind });

    const user = event.agent.find(agent => agent.requestor)!;
    expect(user).toMatchObject({ type: { coding: [{ code: 'humanuser' }] }, who: { identifier: { value: record.actor.userId } } });
    expect(event.agent.filter(agent => agent.requestor)).toHaveLength(1);
    expect(event.agent.at(-1)).toMatchObject({ who: { display: SOURCE.sourceId }, requestor: false });
    expect(event.source).toEqual({ site: SOURCE.enterpriseSiteId, observer: { display: SOURCE.sourceId }, type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }] });

    const studies = (event.entity ?? []).filter(entity => entity.what.type === 'ImagingStudy');
    expect(studies.map(study => study.what.identifier)).toEqual(record.subject.StudyInstanceUID ? [{ system: 'urn:dicom:uid', value: `urn:oid:${record.subject.StudyInstanceUID}` }] : []);
    for (const study of studies) expect([study.type.code, study.role.code]).toEqual(['2', '3']);
    // JSON round trip: nothing a JSON serializer would drop or change.
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });

  it('names the client and this server by the direction data went (BALP Read: server is the source)', () => {
    const read = render('series.displayed');
    expect(read.agent.map(agent => [agent.type.coding[0]!.code, agent.requestor])).toEqual([['humanuser', true], ['110152', false], ['110153', false]]);
    const create = render('label.created');
    expect(create.agent.map(agent => agent.type.coding[0]!.code)).toEqual(['humanuser', '110153', '110152']);
  });

  it('gives a query entity with the key names only', () => {
    const query = render('dicomweb.query').entity!.find(entity => entity.role.code === '24')!;
    expect(Buffer.from(query.query!, 'base64').toString()).toBe('/studies?PatientName&StudyDate');
    expect(query.detail).toEqual([{ type: 'ResultCount', valueString: '2' }]);
  });

  it('gives a label by id, version and content hash, never its content', () => {
    const record = sampleRecord('label.created');
    record.detail = { ...record.detail, finding: 'spiculated nodule' };
    const event = toFhirAuditEvent(record, { source: SOURCE });
    expect(JSON.stringify(event)).not.toContain('spiculated');
    expect(event.entity).toContainEqual(expect.objectContaining({ what: { identifier: { system: 'urn:readingroom:label', value: 'lbl-9' } }, detail: [{ type: 'LabelVersion', valueString: '3' }, { type: 'ContentHash', valueString: 'a'.repeat(64) }] }));
    expect(event.entity!.find(entity => entity.what.type === 'ImagingStudy')!.what.identifier.value).toBe(`urn:oid:${STUDY}`);
  });

  it('keeps the reason of a denial as outcomeDesc', () => {
    expect(render('access.denied').outcomeDesc).toBe('you are not a member of project "lung"');
    expect(render('user.login').outcomeDesc).toBeUndefined();
  });
});
