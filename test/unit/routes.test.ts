import { routeText } from '../../bot/routes';

describe('routeText', () => {
  it.each([
    ['hjälp', 'help'],
    ['Hjälp!', 'help'],
    ['HELP', 'help'],
    ['?', 'help'],
    ['rapportera', 'incident.start'],
    ['jag vill rapportera', 'incident.start'],
    ['Jag vill anmäla en incident', 'incident.start'],
    ['anmäl', 'incident.start'],
    ['report', 'incident.start'],
    ['Jag har hittat en brist i rutinen', 'incident.start'],
    ['incident', 'incident.start'],
    ['mina incidenter', 'incident.mine'],
    ['utbildning', 'learning.list'],
    ['mina aktiviteter', 'actionplan.mine'],
    ['status', 'status'],
  ])('"%s" → %s', (text, route) => {
    expect(routeText(text)?.name).toBe(route);
  });

  it.each(['hej', 'vad är klockan', '', 'statusrapportering'])('"%s" matches no command', (text) => {
    expect(routeText(text)).toBeUndefined();
  });
});
