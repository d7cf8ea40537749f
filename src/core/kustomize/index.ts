// Kustomize support, pure: kustomization parsing, patches linted as partial objects, and the
// mapping of findings on a rendered overlay back to the files a user edits.
export * from './build-failure';
export * from './kustomization';
export * from './map';
export * from './merge';
export * from './partial';
export * from './paths';
export * from './sources';
