import { describe, expect, it } from 'vitest';
import { summaryEntries } from './error-summary.ts';

// Markup as Field.astro and the visit form's groups render it.
const FORM = `
  <div class="field"><label for="field-title">标题<span class="req" aria-hidden="true">*</span></label><input id="field-title" name="title" required></div>
  <fieldset aria-describedby="visitors-hint"><legend>走访人员<span class="req" aria-hidden="true">*</span></legend>
    <label class="choice"><input type="checkbox" name="visitors" value="1"> 周丽华</label>
    <p class="error" id="field-visitors-error">请选择走访人员。</p></fieldset>
  <div class="field"><label for="field-readings.head.advice">建议 &amp; 指导</label><textarea id="field-readings.head.advice" name="readings.head.advice"></textarea></div>`;

describe('the error summary', () => {
  it('names each field by its label, in the order of the form, and links to it', () => {
    const entries = summaryEntries(FORM, { 'readings.head.advice': '不能超过200字。', title: '请填写此项。', visitors: '请选择走访人员。' });
    expect(entries).toEqual([
      { href: '#field-title', label: '标题', message: '请填写此项。' },
      // Ticked boxes have no one element to move to: the link goes to the group's message.
      { href: '#field-visitors-error', label: '走访人员', message: '请选择走访人员。' },
      { href: '#field-readings.head.advice', label: '建议 & 指导', message: '不能超过200字。' },
    ]);
  });

  it('still lists a message whose field the form does not show', () => {
    expect(summaryEntries(FORM, { acceptOverlap: '时间重叠。' })).toEqual([{ href: '#field-acceptOverlap', label: null, message: '时间重叠。' }]);
  });
});
