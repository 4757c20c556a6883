// Generated from infra/sharepoint/lists.json by `npm run schema:types`: edit the JSON and run that, not this file.

/** Each list by repository name, with the columns a query may filter or order on. */
export const INDEXED_COLUMNS = {
  committees: ['code'],
  roles: ['personId', 'role', 'committeeCode'],
  incidents: ['reference', 'committeeCode', 'assetId', 'reporterId', 'reportedAt', 'status', 'yearCommittee'],
  incidentEvents: ['reference'],
  completions: ['personId', 'moduleId', 'committeeCode'],
  campaigns: ['moduleId', 'startDate', 'dueDate'],
  activities: ['year'],
  activityStatuses: ['year', 'activityId', 'committeeCode', 'yearCommittee'],
  audit: ['at', 'recordKey'],
  assets: ['assetId', 'committeeCode', 'systemOwnerId'],
  riskAnalyses: ['analysisKey', 'assetId', 'committeeCode'],
  assetMeasures: ['measureId', 'assetId', 'committeeCode'],
} as const;
