// Lines the in-host suite (suite/index.ts) prints for the launcher and run.mjs to read.

/** Printed first by the suite: the workbench's own log lines before it are start-up noise. */
export const START_LINE_PREFIX = 'Running integration tests: ';

/** Followed by `{"passed":N,"failed":N,"pending":N}`; test/integration/run.mjs keeps its own copy. */
export const RESULT_PREFIX = 'pod-doctor-integration-result ';
