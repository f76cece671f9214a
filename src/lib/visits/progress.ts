// How far a visit form has come, for its progress line and for folding the 两不愁三保障 check once it is done.
// Plain functions over the form's values, with no imports, so the page's script reads the same rule as the
// server: an item is answered when its finding is chosen and, when that finding is 否 or 有隐患, what was seen
// is written down.

/** The findings that need a note saying what was seen. */
export const FINDINGS_NEEDING_A_NOTE: readonly string[] = ['no', 'concern'];

export function needsNote(finding: string | null | undefined): boolean {
  return !!finding && FINDINGS_NEEDING_A_NOTE.includes(finding);
}

/** Whether one item of the check is answered: a finding, with its note where one is needed. */
export function checkAnswered(finding: string, note: string): boolean {
  return finding !== '' && (!needsNote(finding) || note.trim() !== '');
}

/** The visit form's progress: the check's items answered out of all, and the people with a reading written. */
export function visitProgress(value: (name: string) => string, checkItems: readonly string[], personKeys: readonly string[]) {
  return {
    answered: checkItems.filter((item) => checkAnswered(value(`checks.${item}.state`), value(`checks.${item}.note`))).length,
    items: checkItems.length,
    personsRead: personKeys.filter((key) => ['systolic', 'diastolic', 'glucose'].some((field) => value(`readings.${key}.${field}`).trim() !== '')).length,
  };
}
