// On the PostgreSQL run each app creates a schema and migrates it: allow for a busy machine.
// (testTimeout in a jest project is ignored; it is a global setting.)
jest.setTimeout(30_000);
