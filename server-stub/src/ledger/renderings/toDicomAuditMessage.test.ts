import { EVENT_MAPPINGS } from './describeAuditEvent.js';
import { childNamed, childrenNamed, parseXml, type XmlNode } from './testing/parseXml.js';
import { INSTANCES, SOURCE, STUDY, sampleRecord } from './testing/sampleRecords.js';
import { toDicomAuditMessage } from './toDicomAuditMessage.js';

const render = (record: Parameters<typeof toDicomAuditMessage>[0], sopClasses?: ReadonlyMap<string, string>) => parseXml(toDicomAuditMessage(record, { source: SOURCE, sopClasses }));
const code = (node: XmlNode) => [node.attributes['csd-code'], node.attributes.codeSystemName];
const base64 = (text: string) => Buffer.from(text).toString('base64');

// kind → EventID, EventActionCode, EventOutcomeIndicator, DCM EventTypeCode, the user's and the server's RoleIDCode.
const EXPECTED: [string, string, string, string, string | undefined, string | undefined, string][] = [
  ['label.created', '110110', 'C', '0', undefined, '110153', '110152'],
  ['label.modified', '110110', 'U', '0', undefined, '110153', '110152'],
  ['label.submitted', '110110', 'U', '0', undefined, '110153', '110152'],
  ['label.removed', '110110', 'D', '0', undefined, '110153', '110152'],
  ['case.submitted', '110110', 'U', '0', undefined, '110153', '110152'],
  ['study.opened', '110103', 'R', '0', undefined, '110152', '110153'],
  ['series.displayed', '110103', 'R', '0', undefined, '110152', '110153'],
  ['dicomweb.retrieve', '110104', 'R', '0', undefined, '110152', '110153'],
  ['dicomweb.query', '110112', 'E', '0', undefined, '110152', '110153'],
  ['dicomweb.store', '110104', 'C', '0', undefined, '110153', '110152'],
  ['export.created', '110106', 'R', '0', undefined, '110152', '110153'],
  ['import.received', '110107', 'C', '0', undefined, '110153', '110152'],
  ['user.login', '110114', 'E', '0', '110122', undefined, '110150'],
  ['user.logout', '110114', 'E', '0', '110123', undefined, '110150'],
  ['access.denied', '110113', 'E', '4', '110132', undefined, '110150'],
  ['security.break-glass', '110113', 'E', '0', '110127', undefined, '110150'],
  ['ledger.records-lost', '110113', 'E', '8', '110133', undefined, '110150'],
];

describe('toDicomAuditMessage (DICOM PS3.15 A.5)', () => {
  it('covers every kind the mapping table names', () => {
    expect(EXPECTED.map(([kind]) => kind).sort()).toEqual(Object.keys(EVENT_MAPPINGS).sort());
  });

  it.each(EXPECTED)('renders %s as EventID %s, action %s, outcome %s', (kind, eventId, action, outcome, eventType, userRole, serverRole) => {
    const record = sampleRecord(kind);
    const message = render(record);
    expect(message.name).toBe('AuditMessage');
    expect(message.children.map(child => child.name).slice(0, 4)).toEqual(['EventIdentification', 'ActiveParticipant', 'ActiveParticipant', 'AuditSourceIdentification']);

    const event = childNamed(message, 'EventIdentification');
    expect(event.attributes).toEqual({ EventActionCode: action, EventDateTime: record.recordedAt, EventOutcomeIndicator: outcome });
    expect(code(childNamed(event, 'EventID'))).toEqual([eventId, 'DCM']);
    const types = childrenNamed(event, 'EventTypeCode').map(code);
    expect(types).toEqual([...(eventType ? [[eventType, 'DCM']] : []), [kind, '99READINGROOM']]);

    const [user, server] = childrenNamed(message, 'ActiveParticipant');
    expect(user!.attributes).toMatchObject({ UserID: record.actor.userId, UserIsRequestor: 'true' });
    const userRoles = childrenNamed(user!, 'RoleIDCode').map(code);
    if (userRole) expect(userRoles[0]).toEqual([userRole, 'DCM']);
    expect(userRoles.filter(([, system]) => system === '99READINGROOM').map(([role]) => role)).toEqual((record.actor.role ?? '').split(' ').filter(Boolean));
    expect(server!.attributes).toEqual({ UserID: SOURCE.sourceId, UserIsRequestor: 'false' });
    expect(childrenNamed(server!, 'RoleIDCode').map(code)).toEqual([[serverRole, 'DCM']]);

    const source = childNamed(message, 'AuditSourceIdentification');
    expect(source.attributes).toEqual({ AuditSourceID: SOURCE.sourceId, AuditEnterpriseSiteID: SOURCE.enterpriseSiteId });
    expect(childNamed(source, 'AuditSourceTypeCode').attributes['csd-code']).toBe('4');

    const studies = childrenNamed(message, 'ParticipantObjectIdentification').filter(o => childNamed(o, 'ParticipantObjectIDTypeCode').attributes['csd-code'] === '110180');
    expect(studies.map(study => study.attributes.ParticipantObjectID)).toEqual(record.subject.StudyInstanceUID ? [record.subject.StudyInstanceUID] : []);
    for (const study of studies) expect(study.attributes).toMatchObject({ ParticipantObjectTypeCode: '2', ParticipantObjectTypeCodeRole: '3' });
  });

  it('renders a refused sign-in (401) as a failed User Authentication (Login)', () => {
    const record = { ...sampleRecord('access.denied'), actor: { userId: 'anonymous' }, subject: {}, detail: { outcome: 'minor-failure', status: 401, reason: 'The access token has expired' } };
    const event = childNamed(render(record), 'EventIdentification');
    expect(code(childNamed(event, 'EventID'))).toEqual(['110114', 'DCM']);
    expect(childrenNamed(event, 'EventTypeCode').map(code)[0]).toEqual(['110122', 'DCM']);
    expect(event.attributes.EventOutcomeIndicator).toBe('4');
    expect(childNamed(event, 'EventOutcomeDescription').text).toBe('The access token has expired');
  });

  it('gives a label its id, version and content hash, and never its content', () => {
    const record = sampleRecord('label.modified');
    record.detail = { ...record.detail, finding: 'spiculated nodule', note: 'patient Jane Roe' };
    const xml = toDicomAuditMessage(record, { source: SOURCE });
    expect(xml).not.toMatch(/spiculated|Jane Roe/);
    const label = childrenNamed(parseXml(xml), 'ParticipantObjectIdentification').find(o => o.attributes.ParticipantObjectID === 'lbl-9')!;
    expect(code(childNamed(label, 'ParticipantObjectIDTypeCode'))).toEqual(['LABEL', '99READINGROOM']);
    expect(childrenNamed(label, 'ParticipantObjectDetail').map(d => [d.attributes.type, Buffer.from(d.attributes.value!, 'base64').toString()])).toEqual([
      ['LabelVersion', '3'],
      ['ContentHash', 'a'.repeat(64)],
    ]);
    expect(childNamed(childNamed(label, 'ParticipantObjectContainsStudy'), 'StudyIDs').attributes.UID).toBe(STUDY);
  });

  it('lists the instances under their SOP class where the server knows it', () => {
    const ct = '1.2.840.10008.5.1.4.1.1.2';
    const message = render(sampleRecord('dicomweb.retrieve'), new Map([[INSTANCES[0]!, ct], [INSTANCES[2]!, ct]]));
    const study = childrenNamed(message, 'ParticipantObjectIdentification').find(o => o.attributes.ParticipantObjectID === STUDY)!;
    const classes = childrenNamed(study, 'SOPClass').map(c => [c.attributes.UID, c.attributes.NumberOfInstances, childrenNamed(c, 'Instance').map(i => i.attributes.UID)]);
    expect(classes).toEqual([
      [ct, '2', [INSTANCES[0], INSTANCES[2]]],
      [undefined, '1', [INSTANCES[1]]],
    ]);
  });

  it("describes a query by its SOP class and the names of its keys, never the values", () => {
    const message = render(sampleRecord('dicomweb.query'));
    const [query] = childrenNamed(message, 'ParticipantObjectIdentification');
    expect(query!.attributes).toMatchObject({ ParticipantObjectID: '1.2.840.10008.5.1.4.1.2.2.1', ParticipantObjectTypeCodeRole: '24' });
    expect(code(childNamed(query!, 'ParticipantObjectIDTypeCode'))).toEqual(['110181', 'DCM']);
    expect(childNamed(query!, 'ParticipantObjectQuery').text).toBe(base64('/studies?PatientName&StudyDate'));
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    const record = sampleRecord('access.denied');
    record.actor = { userId: `o'brien&<co>"x"\n`, role: 'labeler' };
    record.detail = { ...record.detail, reason: 'a < b && c > "d" ]]> \u0001 end' };
    const message = render(record);
    expect(childrenNamed(message, 'ActiveParticipant')[0]!.attributes.UserID).toBe(`o'brien&<co>"x"\n`);
    expect(childNamed(childNamed(message, 'EventIdentification'), 'EventOutcomeDescription').text).toBe('a < b && c > "d" ]]> \uFFFD end');
  });
});
