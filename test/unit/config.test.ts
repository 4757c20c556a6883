import { ConfigError, loadConfig } from '../../src/config/config';

describe('loadConfig', () => {
  it('runs locally on SQLite with the Playground by default', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3978, storeKind: 'sqlite', localMode: true, defaultLocale: 'sv', followTeamsLocale: false });
    expect(c.playground).toEqual({ enabled: true, port: 56150, persona: 'medarbetare' });
    expect(c.publicUrl).toBe('http://localhost:3978');
  });

  it('turns the Playground off with PLAYGROUND=0 and whenever bot credentials are set', () => {
    expect(loadConfig({ PLAYGROUND: '0' }).playground.enabled).toBe(false);
    const withBot = loadConfig({ MicrosoftAppId: 'abc' });
    expect(withBot.localMode).toBe(false);
    expect(withBot.playground.enabled).toBe(false);
  });

  it('names what is wrong', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ STORE: 'oracle' })).toThrow(/STORE/);
  });
});
