/**
 * Who opens the studio in a spec. Specs start as a returning visitor (playwright.config.ts, made by
 * e2e/returning-visitor.setup.ts); the specs about a first visit opt out with `test.use({ storageState: FIRST_VISIT })`.
 */
export const RETURNING_VISITOR_STATE = 'test-results/.state/returning-visitor.json';

/** No stored state at all: the backends are measured as on anyone's first visit. */
export const FIRST_VISIT = { cookies: [], origins: [] };
