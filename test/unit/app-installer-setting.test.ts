import { systemClock } from '../../src/clock/clock';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { SqliteOperationalStore } from '../../src/ops/sqlite-operational-store';
import { appInstallerFor } from '../../src/server/app-installer';

const GRAPH = { GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CLIENT_SECRET: 's' };

describe('whether the app is installed for people who lack it', () => {
  const ops = SqliteOperationalStore.inMemory();
  afterAll(() => ops.close());
  const decide = (env: Record<string, string>) => appInstallerFor(loadConfig(env), ops, createLogger('silent'), systemClock);

  it('is on with a Graph identity and the app id, at the rate asked for', () => {
    const on = decide({ ...GRAPH, TEAMS_APP_ID: 'app' });
    expect(on.installer).toBeDefined();
    expect(on.why).toBe('på, högst 20 i sekunden');
    expect(decide({ ...GRAPH, TEAMS_CATALOG_APP_ID: 'catalog', APP_INSTALL_RATE: '10' }).why).toBe('på, högst 10 i sekunden');
  });

  it('is off when the municipality turns it off, and says what else is missing when it cannot be on', () => {
    expect(decide({ ...GRAPH, TEAMS_APP_ID: 'app', APP_INSTALL: '0' })).toEqual({ why: 'avstängd (APP_INSTALL=0)' });
    expect(decide({ TEAMS_APP_ID: 'app' })).toEqual({ why: 'av: ingen Graph-identitet (GRAPH_*)' });
    expect(decide(GRAPH)).toEqual({ why: 'av: appens id saknas (TEAMS_APP_ID eller TEAMS_CATALOG_APP_ID)' });
  });

  it('refuses the people sync without a Graph identity, naming what it needs', () => {
    expect(() => loadConfig({ PEOPLE_SYNC: '1' })).toThrow(/PEOPLE_SYNC=1 kräver en Graph-identitet/);
    expect(loadConfig({ ...GRAPH, PEOPLE_SYNC: '1' }).people.sync).toBe(true);
  });

  it('refuses a rate above what Graph allows', () => {
    expect(() => loadConfig({ APP_INSTALL_RATE: '31' })).toThrow(/APP_INSTALL_RATE/);
  });
});
