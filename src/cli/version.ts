declare const __POD_DOCTOR_VERSION__: string | undefined;

/** Injected by esbuild; `dev` when the sources run directly (tests through tsx). */
export const VERSION: string = typeof __POD_DOCTOR_VERSION__ === 'string' ? __POD_DOCTOR_VERSION__ : 'dev';
