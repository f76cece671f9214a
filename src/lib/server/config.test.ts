import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has safe defaults for every variable', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DATABASE_PATH: 'data/yizhen.sqlite',
      HOST: 'localhost',
      PORT: 4321,
      SITE_URL: 'http://localhost:4321',
    });
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.TILE_URL).toContain('{z}');
  });

  it('treats empty variables as unset and trims a trailing slash from SITE_URL', () => {
    expect(loadConfig({ SMTP_URL: '', PORT: '' }).PORT).toBe(4321);
    expect(loadConfig({ SITE_URL: 'https://yizhen.example.cn/' }).SITE_URL).toBe('https://yizhen.example.cn');
  });

  it('reports every problem at once, by variable name', () => {
    try {
      loadConfig({ PORT: 'eighty', SMTP_URL: 'mail.example.cn', SITE_URL: 'ftp://x', TILE_URL: 'https://tiles/{z}.png' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'SMTP_URL', 'SITE_URL', 'TILE_URL']) expect(problems).toContain(name);
    }
  });

  it('accepts smtp and smtps URLs with credentials', () => {
    expect(loadConfig({ SMTP_URL: 'smtps://user:pass@smtp.example.cn:465' }).SMTP_URL).toBe('smtps://user:pass@smtp.example.cn:465');
  });
});
