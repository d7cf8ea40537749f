/**
 * Cluster strings (event messages, logs, labels) are untrusted: escape them for HTML and strip
 * terminal control sequences before they reach a terminal, where they could recolor, clear the
 * screen, or plant OSC 8 hyperlinks.
 */

/* eslint-disable no-control-regex -- matching control characters is the point of these two */
// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), other two-byte ESC sequences, and C1 CSI.
const TERMINAL_ESCAPES =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// Remaining C0/C1 controls except tab and newline.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/* eslint-enable no-control-regex */

/** The text without ANSI/OSC escape sequences or control characters (tab and newline kept). */
export function stripTerminalEscapes(text: string): string {
  return text.replace(TERMINAL_ESCAPES, '').replace(/\r\n/g, '\n').replace(CONTROLS, '');
}

/** The text on one terminal line: no escape sequences, and line breaks and tabs as spaces. */
export function terminalLine(text: string): string {
  return stripTerminalEscapes(text).replace(/[\n\t]/g, ' ');
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Text safe in HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return stripTerminalEscapes(text).replace(/[&<>"'`]/g, (ch) => HTML_ENTITIES[ch]!);
}

/** Text safe inside Markdown inline code: backticks cannot close the span early. */
export function markdownCode(text: string): string {
  const clean = stripTerminalEscapes(text).replace(/\n/g, ' ');
  const fence = clean.includes('`') ? '``' : '`';
  return `${fence}${clean.includes('`') ? ` ${clean} ` : clean}${fence}`;
}

/** Markdown text with the characters that start formatting, links or HTML escaped. */
export function escapeMarkdown(text: string): string {
  return stripTerminalEscapes(text).replace(/[\\`*_{}[\]()#+!|<>~]/g, (ch) =>
    ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : `\\${ch}`,
  );
}
