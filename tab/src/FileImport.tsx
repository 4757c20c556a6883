import { Button, Label, MessageBar, MessageBarBody, MessageBarTitle, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3, useId } from '@fluentui/react-components';
import { useState } from 'react';
import type { T } from './texts';

/** One record of a file and what the import does with it. */
export interface ImportRow {
  key: string;
  title: string;
  change: 'created' | 'updated' | 'unchanged';
}

/**
 * A file read into a list: a dry run first, showing each record's fate or every bad row; the
 * import only after it, and only for the file the dry run was of. The yearly plan and the register
 * of information assets are read this way.
 */
export function FileImport(props: {
  /** Names the section (`<name>-heading`) and each row (`data-<name>-row`). */
  name: string;
  t: T;
  manage: boolean;
  texts: { heading: string; intro: string; file: string; rowHeader: string; tooLarge: (sizeKb: number, maxKb: number) => string };
  accept: string;
  maxKb: number;
  run: (content: string, action: 'preview' | 'import') => Promise<{ dryRun: boolean; text: string; rows: ImportRow[] }>;
}) {
  const { t, texts, name } = props;
  const [content, setContent] = useState<string>();
  const [result, setResult] = useState<{ ok: true; answer: Awaited<ReturnType<typeof props.run>>; content: string } | { ok: false; reason: string }>();
  const [busy, setBusy] = useState(false);
  const fileId = useId(`${name}-file`);
  const run = (action: 'preview' | 'import') => {
    if (content === undefined) return;
    setBusy(true);
    props
      .run(content, action)
      .then((answer) => setResult({ ok: true, answer, content }))
      .catch((err: unknown) => setResult({ ok: false, reason: (err as Error).message }))
      .finally(() => setBusy(false));
  };
  // The import is for the file the dry run was of: an answer that arrives after another file was chosen unlocks nothing.
  const previewed = result?.ok && result.answer.dryRun && result.content === content;
  return (
    <section aria-labelledby={`${name}-heading`} style={{ marginTop: 24, maxWidth: 760 }}>
      <Title3 block as="h3" id={`${name}-heading`}>
        {texts.heading}
      </Title3>
      <Text block>{texts.intro}</Text>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end', margin: '8px 0' }}>
        <div style={{ display: 'grid', gap: 4 }}>
          {/* A native file input, so the label is tied to it by id: Field labels only Fluent's own inputs. */}
          <Label htmlFor={fileId}>{texts.file}</Label>
          <input
            id={fileId}
            type="file"
            accept={props.accept}
            onChange={(e) => {
              setResult(undefined);
              setContent(undefined);
              const file = e.currentTarget.files?.[0];
              if (!file) return;
              // The server takes at most 256 kB of JSON.
              if (file.size > props.maxKb * 1024) return setResult({ ok: false, reason: texts.tooLarge(Math.ceil(file.size / 1024), props.maxKb) });
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
        {props.manage && (
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
          <Table aria-label={texts.heading} size="small" style={{ marginTop: 8 }}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{texts.rowHeader}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('adminPlanWhat')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.answer.rows.map((r) => (
                <TableRow key={r.key} {...{ [`data-${name}-row`]: r.key }}>
                  <TableCell>{r.title}</TableCell>
                  <TableCell>{t(`adminPlanChange.${r.change}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}
