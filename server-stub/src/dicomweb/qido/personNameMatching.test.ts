import { normalizePersonName, personNameWords } from './personNameMatching.js';

describe('person name normalization', () => {
  it('folds case and accents and drops empty trailing components', () => {
    expect(normalizePersonName("O'Brien^Seán^^^")).toBe("o'brien^sean");
    expect(normalizePersonName('MÜLLER^Hans')).toBe('muller^hans');
  });

  it('lists the name components for fuzzy matching', () => {
    expect(personNameWords('Doe^John Paul^^Dr')).toBe('^doe^john^paul^dr^');
  });
});
