import { ROLES, type ProjectRole, type Role } from '@readingroom/platform-shim';
import type { Action, Resource } from '../labeling/authorize.js';
import { decideAccess, decideDicomweb, mayQueryEveryStudy, type AccessFacts } from './decideAccess.js';

const user = (...roles: Role[]) => ({ id: 'u-1', displayName: 'Test user', roles });
const facts = (projectRoles: ProjectRole[] = [], more: Partial<AccessFacts> = {}): AccessFacts => ({ projectRoles: new Set(projectRoles), assigned: false, studyVisible: false, ...more });

const P = { projectId: 'lung' };
const PS = { projectId: 'lung', StudyInstanceUID: '2.25.1' };
const S = { StudyInstanceUID: '2.25.1' };
const ALLOW = 'allow';

// [token roles, action, resource, facts, expected: 'allow' or the reason]
const TABLE: Array<[Role[], Action, Resource, AccessFacts, string]> = [
  // Reading a project: its members, site admins and auditors.
  [['labeler'], 'project.read', P, facts(['labeler']), ALLOW],
  [['labeler'], 'project.read', P, facts(), 'you have no role in project "lung"'],
  [['site-admin'], 'project.read', P, facts(), ALLOW],
  [['auditor'], 'project.read', P, facts(), ALLOW],
  [['reviewer'], 'project.read', S, facts([], { studyVisible: true }), ALLOW],
  [['reviewer'], 'project.read', S, facts(), 'this study is not part of a project you are a member of'],
  // Changing a project: its project admins and site admins.
  [['project-admin'], 'project.write', P, facts(['project-admin']), ALLOW],
  [['project-admin'], 'project.write', {}, facts(), 'only a site admin may create projects'],
  [['reviewer'], 'project.write', P, facts(['reviewer']), 'only a project admin of "lung" or a site admin may change it'],
  [['site-admin'], 'project.write', {}, facts(), ALLOW],
  // Schemas, members, assignments: project admins of the project, site admins.
  ...(['schema.write', 'members.read', 'members.write', 'assignments.write'] as const).flatMap((action): Array<[Role[], Action, Resource, AccessFacts, string]> => [
    [['project-admin'], action, P, facts(['project-admin']), ALLOW],
    [['site-admin'], action, P, facts(), ALLOW],
    [['project-admin'], action, P, facts(), 'only a project admin of "lung" or a site admin may do this'],
    [['reviewer', 'adjudicator', 'labeler'], action, P, facts(['reviewer', 'adjudicator', 'labeler']), 'only a project admin of "lung" or a site admin may do this'],
    [['auditor'], action, P, facts(), 'only a project admin of "lung" or a site admin may do this'],
  ]),
  // Appointing project admins: site admins only.
  [['site-admin'], 'project-admins.write', P, facts(), ALLOW],
  [['project-admin'], 'project-admins.write', P, facts(['project-admin']), 'only a site admin may appoint or remove a project admin'],
  // Assignments: readers of the project's work (a labeler sees their own: the service filters).
  [['labeler'], 'assignments.read', P, facts(['labeler']), ALLOW],
  [['adjudicator'], 'assignments.read', P, facts(['adjudicator']), ALLOW],
  [['labeler'], 'assignments.read', P, facts(), 'you have no role in project "lung"'],
  [['auditor'], 'assignments.read', P, facts(), 'you have no role in project "lung"'],
  // Labels: a labeler reads the cases assigned to them; reviewers, adjudicators, project admins all; auditors all; site admins none.
  [['labeler'], 'labels.read', PS, facts(['labeler'], { assigned: true }), ALLOW],
  [['labeler'], 'labels.read', PS, facts(['labeler']), 'this case of project "lung" is not assigned to you'],
  [['reviewer'], 'labels.read', PS, facts(['reviewer']), ALLOW],
  [['adjudicator'], 'labels.read', PS, facts(['adjudicator']), ALLOW],
  [['project-admin'], 'labels.read', PS, facts(['project-admin']), ALLOW],
  [['auditor'], 'labels.read', PS, facts(), ALLOW],
  [['site-admin'], 'labels.read', PS, facts(), 'you have no role in project "lung"'],
  [['labeler'], 'labels.read', S, facts([], { studyVisible: true }), ALLOW],
  [['labeler'], 'labels.read', S, facts(), 'this study is not part of a project you are a member of'],
  // Writing labels: a labeler of the project, on a case assigned to them; nobody else.
  [['labeler'], 'labels.write', PS, facts(['labeler'], { assigned: true }), ALLOW],
  [['labeler'], 'labels.write', PS, facts(['labeler']), 'this case of project "lung" is not assigned to you'],
  [['reviewer'], 'labels.write', PS, facts(['reviewer'], { assigned: true }), 'you are not a labeler of project "lung"'],
  [['site-admin'], 'labels.write', PS, facts(), 'you are not a labeler of project "lung"'],
  [['labeler'], 'events.write', {}, facts(), ALLOW],
  // Cases: any member, site admins.
  [['reviewer'], 'cases.read', P, facts(['reviewer']), ALLOW],
  [['site-admin'], 'cases.read', P, facts(), ALLOW],
  [['auditor'], 'cases.read', P, facts(), 'you have no role in project "lung"'],
  // Timing reports: the project's admins, site admins, auditors.
  [['project-admin'], 'report.timing.read', P, facts(['project-admin']), ALLOW],
  [['auditor'], 'report.timing.read', {}, facts(), ALLOW],
  [['reviewer'], 'report.timing.read', P, facts(['reviewer']), 'only a project admin of "lung", a site admin or an auditor may read its timing'],
  [['project-admin'], 'report.timing.read', {}, facts(), 'name a project you are a project admin of (projectId), or be a site admin or auditor'],
  // The user directory: admins.
  [['project-admin'], 'users.read', {}, facts(), ALLOW],
  [['site-admin'], 'users.read', {}, facts(), ALLOW],
  [['reviewer'], 'users.read', {}, facts(), 'only site admins and project admins may list users'],
  // Break-glass: auditors only. The ledger: auditors and site admins.
  [['auditor'], 'break-glass.request', S, facts(), ALLOW],
  [['site-admin'], 'break-glass.request', S, facts(), 'break-glass is for auditors; others get access through project membership'],
  [['auditor'], 'audit.read', {}, facts(), ALLOW],
  [['site-admin'], 'audit.read', {}, facts(), ALLOW],
  [['project-admin'], 'audit.read', {}, facts(['project-admin']), 'only auditors and site admins may read the audit ledger'],
  // No role at all: nothing beyond listings that the services narrow.
  [[], 'labels.read', PS, facts(), 'you have no role in project "lung"'],
  [[], 'audit.read', {}, facts(), 'only auditors and site admins may read the audit ledger'],
];

describe('decideAccess', () => {
  it.each(TABLE)('%j %s %j %#', (roles, action, resource, f, expected) => {
    const decision = decideAccess(user(...roles), action, resource, f);
    expect(decision).toEqual(expected === ALLOW ? { allowed: true } : { allowed: false, reason: expected });
  });
});

describe('decideDicomweb', () => {
  const TABLE_DICOMWEB: Array<[Role[], 'query' | 'retrieve' | 'store', boolean, string]> = [
    // A search naming a study: decided like a retrieve, except that admins search every study.
    [['labeler'], 'query', true, ALLOW],
    [['labeler'], 'query', false, 'this study is not part of a project you are a member of'],
    [['auditor'], 'query', false, 'auditors see no images without break-glass: request it with the study and a reason (POST /api/v1/break-glass)'],
    [['project-admin'], 'query', false, ALLOW],
    [['site-admin'], 'query', false, ALLOW],
    [['labeler'], 'retrieve', true, ALLOW],
    [['labeler'], 'retrieve', false, 'this study is not part of a project you are a member of'],
    [['site-admin'], 'retrieve', false, 'this study is not part of a project you are a member of'],
    [['auditor'], 'retrieve', false, 'auditors see no images without break-glass: request it with the study and a reason (POST /api/v1/break-glass)'],
    [['auditor'], 'retrieve', true, ALLOW],
    [['site-admin'], 'store', false, ALLOW],
    [['project-admin'], 'store', false, ALLOW],
    ...(['labeler', 'reviewer', 'adjudicator', 'auditor'] as const).map((role): [Role[], 'store', boolean, string] => [[role], 'store', true, 'only site admins and project admins may store DICOM instances']),
  ];
  it.each(TABLE_DICOMWEB)('%j %s (study visible: %s)', (roles, kind, visible, expected) => {
    expect(decideDicomweb(user(...roles), kind, visible)).toEqual(expected === ALLOW ? { allowed: true } : { allowed: false, reason: expected });
  });

  it('lets only admins search every study', () => {
    expect(ROLES.filter(role => mayQueryEveryStudy(user(role)))).toEqual(['project-admin', 'site-admin']);
  });
});
