// The error summary at the top of a refused form (GOV.UK's pattern): one line per field in error, naming the
// field by its label and linking to it, so that a refusal far down a long form on a phone is seen at once.

export interface SummaryEntry {
  /** The element to move to: the field itself, or its group. */
  href: string;
  /** The field's label as the form shows it, when the form has one for it. */
  label: string | null;
  message: string;
}

const decode = (text: string) =>
  text.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim();

/**
 * The summary's lines, in the order the fields come in the form's HTML. A field is found by its name (an
 * input, select or textarea, or a group whose error paragraph is `<id>-error`); its label is its `<label for>`,
 * or the legend of its group.
 */
export function summaryEntries(html: string, errors: Record<string, string>): SummaryEntry[] {
  const idOfName = new Map<string, string>();
  for (const [, tag] of html.matchAll(/<(?:input|select|textarea)\b([^>]*)>/g)) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    const id = /\bid="([^"]*)"/.exec(tag)?.[1];
    if (name && id && !idOfName.has(decode(name))) idOfName.set(decode(name), decode(id));
  }
  const labelOfId = new Map<string, string>();
  for (const [, id, text] of html.matchAll(/<label\b[^>]*\bfor="([^"]*)"[^>]*>([\s\S]*?)<\/label>/g)) labelOfId.set(decode(id), decode(text));
  // A group (ticked boxes, a fieldset) says its error in a paragraph `field-<name>-error` inside the fieldset.
  const legendOfGroup = new Map<string, string>();
  for (const [, body] of html.matchAll(/<fieldset\b[^>]*>([\s\S]*?)<\/fieldset>/g)) {
    const legend = /<legend\b[^>]*>([\s\S]*?)<\/legend>/.exec(body)?.[1];
    for (const [, id] of body.matchAll(/\bid="field-([^"]*)-error"/g)) if (legend) legendOfGroup.set(decode(id), decode(legend));
  }
  // A group of boxes has no one element to focus: its link goes to the group's message.
  const targetOf = (name: string) =>
    idOfName.get(name) ?? (html.includes(`id="field-${name}"`) || !html.includes(`id="field-${name}-error"`) ? `field-${name}` : `field-${name}-error`);
  const position = (name: string) => {
    const at = html.indexOf(`id="${targetOf(name)}"`);
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  };
  return Object.entries(errors)
    .sort(([a], [b]) => position(a) - position(b))
    .map(([name, message]) => {
      const id = idOfName.get(name);
      const label = (id && labelOfId.get(id)) || legendOfGroup.get(name) || null;
      return { href: `#${targetOf(name)}`, label: label?.replace(/\*$/, '') ?? null, message };
    });
}
