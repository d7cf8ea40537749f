export { explanationText, type TextOptions } from './text';
export { explanationMarkdown } from './markdown';
export { explanationHtml, EXPLANATION_CSP } from './html';
export { explanationJson } from './json';
export { escapeHtml, escapeMarkdown, markdownCode, stripTerminalEscapes } from './escape';
