import { apiPaths } from './apiPaths';

describe('apiPaths', () => {
  it('builds the labeling paths, encoding each segment', () => {
    expect(apiPaths.studyLabels('1.2.3')).toBe('/studies/1.2.3/labels');
    expect(apiPaths.studyLabels('1.2.3', 'lung nodules')).toBe('/studies/1.2.3/labels?projectId=lung%20nodules');
    expect(apiPaths.projectStudy('lung', '1.2.3')).toBe('/projects/lung/studies/1.2.3');
    expect(apiPaths.projectSchema('lung', 'latest')).toBe('/projects/lung/schemas/latest');
    expect(apiPaths.projectSchema('lung', 2)).toBe('/projects/lung/schemas/2');
    expect(apiPaths.nextCase('lung', '1.2.3')).toBe('/projects/lung/cases/next?after=1.2.3');
    expect(apiPaths.nextCase('lung')).toBe('/projects/lung/cases/next');
    expect(apiPaths.labelVersions('a/b')).toBe('/labels/a%2Fb/versions');
  });
});
