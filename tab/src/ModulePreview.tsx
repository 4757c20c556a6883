import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { AdminModuleCardsResponse } from '../../src/api/tab-api-types';
import type { PreviewTheme } from './card-preview';
import { useReturnFocus } from './return-focus';
import type { T } from './texts';

type Render = (card: object, theme: PreviewTheme) => HTMLElement;

let renderer: Promise<Render> | undefined;
/** The card renderer is its own script (see card-preview.ts), fetched the first time a preview opens. */
function loadRenderer(): Promise<Render> {
  renderer ??= new Promise<Render>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = 'cards.js';
    script.onload = () => resolve((window as unknown as { infosakCards: { render: Render } }).infosakCards.render);
    script.onerror = () => {
      renderer = undefined;
      reject(new Error('cards.js'));
    };
    document.head.appendChild(script);
  });
  return renderer;
}

/** One card, drawn by the Adaptive Cards renderer into its own element. */
function CardView({ card, theme, render }: { card: object; theme: PreviewTheme; render: Render }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    host.current?.replaceChildren(render(card, theme));
  }, [card, theme, render]);
  // About the width of a card in a Teams chat.
  return <div ref={host} style={{ maxWidth: 480, border: `1px solid ${tokens.colorNeutralStroke1}`, borderRadius: 4, overflow: 'hidden' }} />;
}

/**
 * A module's cards as staff meet them in Teams — the first card, each step, each question — drawn
 * in the page from the same card JSON the bot sends. Kept in the page and closed by `open` (see ActionDialog).
 */
export function ModulePreviewDialog(props: { open: boolean; title: string; theme: PreviewTheme; t: T; load: () => Promise<AdminModuleCardsResponse>; onClose: () => void }) {
  const { t } = props;
  const [shown, setShown] = useState<{ cards: AdminModuleCardsResponse['cards']; render: Render } | { error: string }>();
  const returnFocus = useReturnFocus(props.open);
  useEffect(() => {
    // Kept in the page after closing: one that comes back closed (the view left and opened again) fetches nothing.
    if (!props.open) return;
    Promise.all([props.load(), loadRenderer()])
      .then(([{ cards }, render]) => setShown({ cards, render }))
      .catch((err: unknown) => setShown({ error: err instanceof Error ? err.message : String(err) }));
  }, []); // once per dialog: a new preview is a new dialog
  const close = () => {
    props.onClose();
    returnFocus();
  };
  const label = (c: AdminModuleCardsResponse['cards'][number]) => (c.kind === 'intro' ? t('adminCard.intro') : t(`adminCard.${c.kind}`, { n: c.n, of: c.of }));
  return (
    <Dialog open={props.open} onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface style={{ maxWidth: 600 }}>
        <DialogBody>
          <DialogTitle>{t('adminCardsTitle', { title: props.title })}</DialogTitle>
          <DialogContent style={{ display: 'grid', gap: 16 }}>
            <Text>{t('adminCardsNote')}</Text>
            {!shown && <Spinner size="small" label={t('adminCardsLoading')} />}
            {shown && 'error' in shown && (
              <MessageBar intent="error">
                <MessageBarBody>{t('adminCardsFailed', { reason: shown.error })}</MessageBarBody>
              </MessageBar>
            )}
            {shown &&
              'cards' in shown &&
              shown.cards.map((c) => (
                <section key={`${c.kind}-${c.n}`} aria-label={label(c)} data-card={`${c.kind}-${c.n}`} style={{ display: 'grid', gap: 4 }}>
                  <Text weight="semibold">{label(c)}</Text>
                  <CardView card={c.card} theme={props.theme} render={shown.render} />
                </section>
              ))}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={close}>
              {t('adminCardsClose')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
