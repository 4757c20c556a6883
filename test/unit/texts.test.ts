import en from '../../src/i18n/en.json';
import sv from '../../src/i18n/sv.json';
import { localeFrom, t } from '../../src/i18n/texts';

describe('texts', () => {
  it('has every Swedish text in English too, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
    for (const value of [...Object.values(sv), ...Object.values(en)]) expect(value.trim()).not.toBe('');
  });

  it('fills in named values and leaves unknown ones visible', () => {
    expect(t('sv', 'role.in', { role: 'chef', committee: 'Socialnämnden' })).toBe('chef i Socialnämnden');
    expect(t('sv', 'role.in', { role: 'chef' })).toBe('chef i {committee}');
  });

  it('maps Teams locales to the two languages, Swedish by default', () => {
    expect(localeFrom('sv-SE')).toBe('sv');
    expect(localeFrom('en-US')).toBe('en');
    expect(localeFrom('fi-FI')).toBe('sv');
    expect(localeFrom(undefined, 'en')).toBe('en');
  });
});
