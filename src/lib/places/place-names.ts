// Place names for English readers, as China's standard romanization writes them (GB/T 16159): the name's
// syllables in pinyin without tones, run together, an apostrophe before a syllable opening with a, o or e
// (Nong'an, Xi'an); the kind of place in English after it (Nong'an County), a city by its name alone.
import { pinyin } from 'pinyin-pro';

/** The kinds of place a name ends with, longest first, and how English names them. */
const KINDS: readonly [string, string][] = [
  ['自治州', 'Autonomous Prefecture'],
  ['自治县', 'Autonomous County'],
  ['自治旗', 'Autonomous Banner'],
  ['街道', 'Subdistrict'],
  ['省', 'Province'],
  ['市', ''],
  ['州', 'Prefecture'],
  ['盟', 'League'],
  ['县', 'County'],
  ['区', 'District'],
  ['旗', 'Banner'],
  ['镇', 'Town'],
  ['乡', 'Township'],
  ['村', 'Village'],
];

/** A Chinese place name in pinyin with its kind in English: 长春市 → Changchun, 农安县 → Nong'an County. */
export function englishPlaceName(name: string): string {
  const kind = KINDS.find(([suffix]) => name.endsWith(suffix) && name.length > suffix.length);
  const stem = kind ? name.slice(0, -kind[0].length) : name;
  const syllables = pinyin(stem, { toneType: 'none', type: 'array' });
  const written = syllables.map((syllable, i) => (i > 0 && /^[aoe]/.test(syllable) ? `'${syllable}` : syllable)).join('');
  const capitalised = written.charAt(0).toUpperCase() + written.slice(1);
  return kind?.[1] ? `${capitalised} ${kind[1]}` : capitalised;
}
