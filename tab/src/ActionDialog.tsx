import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, MessageBar, MessageBarBody, Select } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ActionOptionsResponse } from '../../src/api/tab-api-types';
import { useReturnFocus } from './return-focus';
import type { T } from './texts';

/**
 * "Skapa åtgärd" in the tab: what is to be done after an incident, by which quarter and who answers
 * for it. The server checks who may, and the action goes into the committee's plan.
 */
export function ActionDialog(props: {
  reference: string;
  /** Closed by this, not by taking the dialog out: a Dialog taken out while open leaves the rest of the page aria-hidden. */
  open: boolean;
  t: T;
  load: () => Promise<ActionOptionsResponse>;
  create: (body: { formId: string; title: string; target: string; ownerId: string }) => Promise<void>;
  close: () => void;
}) {
  const { t } = props;
  const [options, setOptions] = useState<ActionOptionsResponse>();
  const [form, setForm] = useState({ title: '', target: '', ownerId: '' });
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const returnFocus = useReturnFocus(props.open);
  const close = () => {
    props.close();
    returnFocus();
  };
  // One id per dialog: pressing the button twice creates one action.
  const [formId] = useState(() => crypto.randomUUID());
  useEffect(() => {
    // Kept in the page after closing: one that comes back closed (the view left and opened again) fetches nothing.
    if (!props.open) return;
    props
      .load()
      .then((o) => {
        setOptions(o);
        setForm({ title: o.defaultTitle, target: o.targets[1]?.value ?? o.targets[0]!.value, ownerId: o.owners[0]?.id ?? '' });
      })
      .catch((err: unknown) => setProblem(err instanceof Error ? err.message : String(err)));
  }, []); // loaded once, when the dialog opens
  const submit = () => {
    setBusy(true);
    setProblem('');
    props
      .create({ formId, ...form })
      .then(returnFocus)
      .catch((err: unknown) => setProblem(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false));
  };
  return (
    <Dialog open={props.open} onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface aria-label={t('actionDialogTitle', { reference: props.reference })}>
        <DialogBody>
          <DialogTitle>{t('actionDialogTitle', { reference: props.reference })}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            {problem && (
              <MessageBar intent="error">
                <MessageBarBody>{problem}</MessageBarBody>
              </MessageBar>
            )}
            {options && (
              <>
                <Field label={t('actionWhat')} required>
                  <Input value={form.title} maxLength={255} onChange={(_, d) => setForm({ ...form, title: d.value })} />
                </Field>
                <Field label={t('actionBy')}>
                  <Select value={form.target} onChange={(_, d) => setForm({ ...form, target: d.value })}>
                    {options.targets.map((q) => (
                      <option key={q.value} value={q.value}>
                        {q.label}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label={t('actionOwner')}>
                  <Select value={form.ownerId} onChange={(_, d) => setForm({ ...form, ownerId: d.value })}>
                    {options.owners.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </Select>
                </Field>
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={!options || busy} onClick={submit}>
              {t('actionCreate')}
            </Button>
            <Button onClick={close}>{t('actionCancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
