import { Button, MessageBar, MessageBarBody, MessageBarTitle, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3 } from '@fluentui/react-components';
import type { AdminModulesResponse } from '../../src/api/tab-api-types';
import { percent, type Lang, type T } from './texts';

/** Every module as staff will read it — version, length, steps, the questions with the right answers — the files that did not load, its cards shown in the page and sent to oneself. */
export function ModulesSection({ data, t, lang, manage, send, show }: { data: AdminModulesResponse; t: T; lang: Lang; manage: boolean; send: (moduleId: string, title: string) => void; show: (moduleId: string, title: string) => void }) {
  return (
    <section aria-labelledby="modules-heading" style={{ marginTop: 24 }}>
      <Title3 block as="h3" id="modules-heading">
        {t('adminModules')}
      </Title3>
      {data.problems.length > 0 && (
        <MessageBar intent="warning" layout="multiline" style={{ margin: '8px 0' }}>
          <MessageBarBody>
            <MessageBarTitle>{t('adminModuleBroken')}</MessageBarTitle>
            {data.problems.map((p) => (
              <Text key={`${p.file}:${p.line}`} block>
                {t('adminModuleProblem', { file: p.file, line: p.line, message: p.message })}
              </Text>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <Table aria-label={t('adminModules')} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('adminModule')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminModuleVersion')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminModuleMinutes')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminModuleContent')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminActions')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.modules.map((m) => (
            <TableRow key={m.id} data-module={m.id}>
              <TableCell>
                <Text block weight="semibold">
                  {m.title}
                </Text>
                <Text block size={200}>
                  {m.summary}
                </Text>
              </TableCell>
              <TableCell>{m.version}</TableCell>
              <TableCell>{m.minutes}</TableCell>
              <TableCell>
                <Text block size={200}>
                  {t('adminModuleSteps', { n: m.steps.length, list: m.steps.join(' · ') })}
                </Text>
                <details>
                  <summary>{t('adminModuleQuiz', { n: m.quiz.length, pass: percent(m.passScore, lang) })}</summary>
                  <ol>
                    {m.quiz.map((q) => (
                      <li key={q.question}>
                        {q.question}
                        <ul>
                          {q.choices.map((c) => (
                            <li key={c.text}>
                              {c.text}
                              {c.correct && ` (${t('adminModuleRight')})`}
                            </li>
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ol>
                </details>
              </TableCell>
              <TableCell>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, padding: '4px 0' }}>
                  <Button size="small" aria-label={t('adminModuleAction', { action: t('adminCardsShow'), title: m.title })} onClick={() => show(m.id, m.title)}>
                    {t('adminCardsShow')}
                  </Button>
                  {manage && (
                    <Button size="small" aria-label={t('adminModuleAction', { action: t('adminPreview'), title: m.title })} onClick={() => send(m.id, m.title)}>
                      {t('adminPreview')}
                    </Button>
                  )}
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
