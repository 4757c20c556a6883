import { MessageBar, MessageBarBody, MessageBarTitle, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3 } from '@fluentui/react-components';
import type { OrganisationOverview } from '../../src/admin/organisation-overview';
import { day, type Lang, type T } from './texts';

/**
 * Committees, who holds which role, and what is missing. Read only: roles are kept in the roles
 * list (and people in Entra ID with the sync), and the page says so rather than being a second place to edit them.
 */
export function OrganisationSection({ data, t, lang, roleName }: { data: OrganisationOverview; t: T; lang: Lang; roleName: (role: string) => string }) {
  const list = (items: { name: string }[]) => items.map((i) => i.name).join(', ');
  const missing = data.missing;
  const nothing = missing.noCoordinator.length + missing.noTriager.length + missing.unmapped.length === 0;
  return (
    <section aria-labelledby="organisation-heading" style={{ marginTop: 24 }}>
      <Title3 block as="h3" id="organisation-heading">
        {t('adminOrganisation')}
      </Title3>
      <Text block>{data.source.people === 'entra' ? t('adminSourceEntra', { at: day(data.source.syncedAt ?? '', lang) }) : t('adminSourceList')}</Text>
      <MessageBar intent={nothing ? 'success' : 'warning'} layout="multiline" style={{ margin: '8px 0' }}>
        <MessageBarBody>
          <MessageBarTitle>{t('adminMissing')}</MessageBarTitle>
          {nothing && t('adminNothingMissing')}
          {missing.noCoordinator.length > 0 && <Text block>{t('adminNoCoordinator', { list: missing.noCoordinator.map((f) => (f.administration ? `${f.administration} (${list(f.committees)})` : list(f.committees))).join(', ') })}</Text>}
          {missing.noTriager.length > 0 && <Text block>{t('adminNoTriager', { list: list(missing.noTriager) })}</Text>}
          {missing.unmapped.length > 0 && (
            <Text block>{t('adminUnmapped', { list: missing.unmapped.map((u) => `${u.value ?? t('adminNoValue')} (${u.count})`).join(', ') })}</Text>
          )}
        </MessageBarBody>
      </MessageBar>
      <Table aria-label={t('adminOrganisation')} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('adminOrgCommittee')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminOrgRoles')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminOrgLearners')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.committees.map((c) => (
            <TableRow key={c.code} data-committee={c.code}>
              <TableCell>
                <Text block>{c.name}</Text>
                <Text block size={200}>
                  {c.administration}
                </Text>
              </TableCell>
              <TableCell>
                {c.roles.map((r) => (
                  <Text key={r.role} block>
                    {roleName(r.role)}: {list(r.people)}
                  </Text>
                ))}
              </TableCell>
              <TableCell>{c.learners}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell>{t('adminOrgWide')}</TableCell>
            <TableCell>
              {data.municipalityWide.map((r) => (
                <Text key={r.role} block>
                  {roleName(r.role)}: {list(r.people)}
                </Text>
              ))}
            </TableCell>
            <TableCell />
          </TableRow>
        </TableBody>
      </Table>
    </section>
  );
}
