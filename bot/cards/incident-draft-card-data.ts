import { draftAsText, type AuthorityDraft } from '../../src/reports/authority-drafts';
import { t, type Locale } from '../../src/i18n/texts';

/**
 * A draft for an authority as a card: the whole text in one box to copy into the e-service, its
 * sections named above it. The text is shown once (a card holds at most 28 KB); a draft longer than
 * a card can carry is cut where a line ends, and the Word file in the tab has all of it.
 */
const CARD_TEXT_MAX = 20_000;

export function draftCardData(locale: Locale, reference: string, draft: AuthorityDraft) {
  const full = draftAsText(draft);
  const cut = full.length > CARD_TEXT_MAX ? full.slice(0, full.lastIndexOf('\n', CARD_TEXT_MAX)) : full;
  return {
    title: draft.title,
    reference,
    secrecy: draft.secrecyNote,
    intro: t(locale, 'draftCard.intro', { recipient: draft.recipient }),
    headings: draft.sections.map((s, i) => `${i + 1}. ${s.heading}`).join('\n'),
    tooLong: cut.length < full.length ? t(locale, 'draftCard.tooLong') : '',
    copyLabel: t(locale, 'draftCard.copy'),
    text: cut,
    openService: t(locale, 'draftCard.openService'),
    eService: draft.eService,
    back: t(locale, 'assessment.back'),
  };
}
