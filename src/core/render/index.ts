export { explanationText } from './text';
export { explanationMarkdown } from './markdown';
export { explanationHtml, EXPLANATION_CSP } from './html';
export { explanationJson } from './json';
export { escapeHtml, stripTerminalEscapes } from './escape';
