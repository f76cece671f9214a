// The HTML part of a mail, made from its text.
import { describe, expect, it } from 'vitest';
import { mailHtml } from './templates.ts';

describe("a mail's HTML part", () => {
  it('makes a paragraph of each block of lines and a link of each address, escaping the rest', () => {
    const html = mailHtml('zh-CN', '周毅刚，您好：\n\n请点击链接：\nhttps://yizhen.example/verify?token=a&b=1\n\n<义诊> & 健康\n');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<p>周毅刚，您好：</p>');
    expect(html).toContain('<p>请点击链接：<br><a href="https://yizhen.example/verify?token=a&#38;b=1">https://yizhen.example/verify?token=a&#38;b=1</a></p>');
    expect(html).toContain('<p>&#60;义诊&#62; &#38; 健康</p>');
  });
});
