/** A folder's test-case manifest (expected findings, its capture time), not evidence. */
export const TEST_CASE_FILE = 'podmortem-test.json';
