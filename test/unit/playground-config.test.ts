import { DEMO_PEOPLE } from '../../src/demo/demo-organisation';
import { PLAYGROUND_MAX_OTHER_USERS, playgroundConfigYaml } from '../../src/playground/playground-config';
import { startPlayground, UnknownPersonaError } from '../../src/playground/start-playground';

describe('the Playground configuration', () => {
  it('signs in the chosen persona and lists the others as members', () => {
    const chef = DEMO_PEOPLE.find((p) => p.persona === 'chef')!;
    const yaml = playgroundConfigYaml(chef);
    const [current, users] = yaml.split('\nusers:\n');
    expect(current).toContain(`currentUser:\n  id: chef\n  name: Erik Holm\n`);
    expect(current).toContain(`aadObjectId: ${chef.id}`);
    // The Playground takes at most five other users: the first five of the others
    const others = DEMO_PEOPLE.filter((p) => p !== chef);
    for (const other of others.slice(0, PLAYGROUND_MAX_OTHER_USERS)) expect(users).toContain(`aadObjectId: ${other.id}`);
    for (const other of others.slice(PLAYGROUND_MAX_OTHER_USERS)) expect(users).not.toContain(`aadObjectId: ${other.id}`);
    expect(users!.match(/aadObjectId/g)).toHaveLength(PLAYGROUND_MAX_OTHER_USERS);
    expect(users).not.toContain(chef.id);
  });

  it('names the personas to choose from when given an unknown one', () => {
    expect(() => startPlayground({ botEndpoint: 'http://127.0.0.1:1/api/messages', port: 1, persona: 'vd', dataDir: '/tmp' })).toThrow(
      new UnknownPersonaError('vd'),
    );
    expect(new UnknownPersonaError('vd').message).toBe(
      'Okänd persona "vd". Välj en av: medarbetare, samordnare, sakerhetsansvarig, dataskyddsombud, chef, fortroendevald, itsakerhetsansvarig',
    );
  });
});
