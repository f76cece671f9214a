import { describe, expect, it } from 'vitest';
import { englishPlaceName } from './place-names.ts';

describe('place names in English', () => {
  it('writes the name in pinyin, syllables together, with the kind of place after it', () => {
    expect(englishPlaceName('长春市')).toBe('Changchun');
    expect(englishPlaceName('农安县')).toBe("Nong'an County");
    expect(englishPlaceName('宽城区')).toBe('Kuancheng District');
    expect(englishPlaceName('沁源县')).toBe('Qinyuan County');
    expect(englishPlaceName('吉林省')).toBe('Jilin Province');
    expect(englishPlaceName('兰家镇')).toBe('Lanjia Town');
    expect(englishPlaceName('中峪乡')).toBe('Zhongyu Township');
    expect(englishPlaceName('刘家屯村')).toBe('Liujiatun Village');
  });

  it("reads a character as the place's name reads it, and separates a syllable that opens with a vowel", () => {
    expect(englishPlaceName('长治市')).toBe('Changzhi');
    expect(englishPlaceName('六安市')).toBe("Lu'an");
    expect(englishPlaceName('西安市')).toBe("Xi'an");
  });

  it('leaves a name with no kind of place at its end whole, and does not take a kind for the whole name', () => {
    expect(englishPlaceName('北京')).toBe('Beijing');
    expect(englishPlaceName('市')).toBe('Shi');
  });
});
