import { formatPatientAge, getDemoStudyStart, toDicomDateTime } from './demoDates.js';

describe('demo dates', () => {
  it('are fixed by the seed, in 2019-2023 working hours', () => {
    for (let seed = 0; seed < 50; seed++) {
      const start = getDemoStudyStart(seed, 'ct-chest');
      expect(getDemoStudyStart(seed, 'ct-chest')).toBe(start);
      const { date, time } = toDicomDateTime(start);
      expect(date).toMatch(/^20(19|2[0-3])\d{4}$/);
      expect(Number(time.slice(0, 2))).toBeGreaterThanOrEqual(7);
      expect(Number(time.slice(0, 2))).toBeLessThan(17);
    }
  });

  it('place a prior the given number of days earlier', () => {
    const current = getDemoStudyStart(5, 'study');
    const prior = getDemoStudyStart(5, 'study', 392);
    expect(current - prior).toBe(392 * 86_400_000);
  });

  it.each([
    ['1960-06-15', '2024-06-14', '063Y'],
    ['1960-06-15', '2024-06-15', '064Y'],
    ['2000-02-29', '2001-03-01', '001Y'],
  ])('age of someone born %s on %s is %s', (birth, study, age) => {
    expect(formatPatientAge(Date.parse(birth), Date.parse(study))).toBe(age);
  });
});
