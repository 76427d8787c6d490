/** Whether a character is one the graph refuses in free text: a control character (but a line break) or a bidirectional override. */
function refused(character: string): boolean {
  const code = character.codePointAt(0)!;
  return (code < 0x20 && code !== 0x0a && code !== 0x0d) || code === 0x7f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/**
 * Free text as the graph checks it, before it is sent: required, length in code points (as the
 * graph counts), one line where one line is asked, no control characters or bidirectional
 * overrides. The graph checks again (and refuses resident ID numbers in prose), and says so.
 */
export function checkText(
  t: (key: string, options?: Record<string, unknown>) => string,
  value: string,
  { max, multiline, required }: { max: number; multiline: boolean; required: boolean },
): string | null {
  const trimmed = value.trim();
  if (required && trimmed === '') return t('form.required');
  if ([...trimmed].length > max) return t('form.tooLong', { max });
  if (!multiline && /[\r\n]/.test(trimmed)) return t('form.oneLine');
  if ([...trimmed].some(refused)) return t('form.badCharacters');
  return null;
}
