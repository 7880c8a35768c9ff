// Escaping for XML 1.0 text and attributes, including characters XML cannot carry at all.

// C0 controls other than tab/LF/CR, lone surrogates and U+FFFE/U+FFFF are not allowed in XML 1.0,
// not even as character references: they are written out visibly instead of silently dropped.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Writes the characters XML cannot carry as visible escapes, e.g. BEL as the four characters \x07. */
export function showUnprintable(value: string): string {
  return value.replace(FORBIDDEN, visible);
}

export function xmlText(value: string): string {
  return showUnprintable(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttr(value: string): string {
  return xmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
