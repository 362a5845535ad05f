import { translatePlaceholders } from './translatePlaceholders.js';

describe('translatePlaceholders', () => {
  it.each([
    ['SELECT * FROM t WHERE a = ? AND b = ?', 'SELECT * FROM t WHERE a = $1 AND b = $2', 2],
    ['SELECT 1', 'SELECT 1', 0],
    ['INSERT INTO t VALUES (?, ?, ?)', 'INSERT INTO t VALUES ($1, $2, $3)', 3],
    // A question mark inside a string is text, not a parameter, whatever follows it.
    ["SELECT '?' AS q, ? AS p", "SELECT '?' AS q, $1 AS p", 1],
    ["SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1],
    ["SELECT E'\\' ?', ?", "SELECT E'\\' ?', $1", 1],
    ['SELECT "odd?name" FROM t WHERE x = ?', 'SELECT "odd?name" FROM t WHERE x = $1', 1],
    ['SELECT ? -- why?\n, ?', 'SELECT $1 -- why?\n, $2', 2],
    ['SELECT /* a? /* nested? */ b? */ ?', 'SELECT /* a? /* nested? */ b? */ $1', 1],
    ['SELECT $$ what? $$, $tag$ ? $tag$, ?', 'SELECT $$ what? $$, $tag$ ? $tag$, $1', 1],
    // "we'" is not an E-string prefix: the backslash does not escape the quote.
    ["SELECT we'\\', ?", "SELECT we'\\', $1", 1],
    ["SELECT 'never closed ?", "SELECT 'never closed ?", 0],
  ])('%j', (sql, text, count) => {
    expect(translatePlaceholders(sql)).toEqual({ text, count });
  });
});
