import { Button, Label, MessageBar, MessageBarBody, MessageBarTitle, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3, useId } from '@fluentui/react-components';
import { useState } from 'react';
import type { PlanImportResponse } from '../../src/api/tab-api-types';
import type { AdminActions } from './AdminView';
import type { T } from './texts';

/** The largest plan file the page sends. */
const PLAN_MAX_KB = 200;

/** The yearly plan from a file: a dry run first, showing each activity's fate or every bad row; the import only after it. */
export function PlanUpload({ t, manage, plan }: { t: T; manage: boolean; plan: AdminActions['plan'] }) {
  const [content, setContent] = useState<string>();
  const [result, setResult] = useState<{ ok: true; answer: PlanImportResponse; content: string } | { ok: false; reason: string }>();
  const [busy, setBusy] = useState(false);
  const fileId = useId('plan-file');
  const run = (action: 'preview' | 'import') => {
    if (content === undefined) return;
    setBusy(true);
    plan(content, action)
      .then((answer) => setResult({ ok: true, answer, content }))
      .catch((err: unknown) => setResult({ ok: false, reason: (err as Error).message }))
      .finally(() => setBusy(false));
  };
  // The import is for the file the dry run was of: an answer that arrives after another file was chosen unlocks nothing.
  const previewed = result?.ok && result.answer.dryRun && result.content === content;
  return (
    <section aria-labelledby="plan-heading" style={{ marginTop: 24, maxWidth: 760 }}>
      <Title3 block as="h3" id="plan-heading">
        {t('adminPlan')}
      </Title3>
      <Text block>{t('adminPlanIntro')}</Text>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end', margin: '8px 0' }}>
        <div style={{ display: 'grid', gap: 4 }}>
          {/* A native file input, so the label is tied to it by id: Field labels only Fluent's own inputs. */}
          <Label htmlFor={fileId}>{t('adminPlanFile')}</Label>
          <input
            id={fileId}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(e) => {
              setResult(undefined);
              setContent(undefined);
              const file = e.currentTarget.files?.[0];
              if (!file) return;
              // The server takes at most 256 kB of JSON; a plan is a few kB.
              if (file.size > PLAN_MAX_KB * 1024) return setResult({ ok: false, reason: t('adminPlanTooLarge', { size: Math.ceil(file.size / 1024), max: PLAN_MAX_KB }) });
              // As the command line: a file that is not UTF-8 (Excel's plain "CSV" on Swedish Windows) is refused, never read with å, ä and ö lost.
              void file.arrayBuffer().then((bytes) => {
                try {
                  setContent(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
                } catch {
                  setResult({ ok: false, reason: t('adminPlanNotUtf8') });
                }
              });
            }}
          />
        </div>
        <Button disabled={busy || content === undefined} onClick={() => run('preview')}>
          {t('adminPlanPreview')}
        </Button>
        {manage && (
          <Button appearance="primary" disabled={busy || !previewed} onClick={() => run('import')}>
            {t('adminPlanImport')}
          </Button>
        )}
      </div>
      {result && !result.ok && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{t('adminPlanRefused')}</MessageBarTitle>
            <span style={{ whiteSpace: 'pre-line' }}>{result.reason}</span>
          </MessageBarBody>
        </MessageBar>
      )}
      {result?.ok && (
        <>
          <MessageBar intent={result.answer.dryRun ? 'info' : 'success'} layout="multiline" role="status">
            <MessageBarBody>{result.answer.text}</MessageBarBody>
          </MessageBar>
          <Table aria-label={t('adminPlan')} size="small" style={{ marginTop: 8 }}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('adminPlanActivity')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('adminPlanWhat')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.answer.summary.activities.map((a) => (
                <TableRow key={a.activityId} data-plan-activity={a.activityId}>
                  <TableCell>{a.title}</TableCell>
                  <TableCell>{t(`adminPlanChange.${a.change}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}
