// Infosäk in Azure: a Linux App Service (Node 20, two instances) that runs the bot, the tab and its
// API, a user-assigned managed identity the bot authenticates as (and, with
// graphUseManagedIdentity, Microsoft Graph too), the Azure Bot with the Teams channel, and a storage
// account. Records live in the municipality's SharePoint site (STORE=sharepoint); the app's own
// bookkeeping (outbox, ledger, conversation references, counters, tasks) in the storage account's
// tables, shared by every instance (OPS_STORE=azure), where the instances also take turns leading
// by a lease on a blob. The identity reaches the account by its roles: the account accepts no
// shared key, so no connection string exists to leak.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@description('App Service plan. B1 carries a municipality; P0v3 or above for Always On with more headroom.')
param webAppSku string = 'B1'

@description('Where the app keeps its bookkeeping: azure (Table Storage, several instances) or sqlite (a file on /home, one instance only).')
@allowed([
  'azure'
  'sqlite'
])
param opsStore string = 'azure'

@minValue(1)
@maxValue(10)
@description('App Service instances with opsStore azure (B1 and B2 allow up to 3, P0v3 up to 10); always 1 with sqlite.')
param instanceCount int = 2

@minLength(3)
@maxLength(24)
@description('The storage account for the bookkeeping: 3-24 lower-case letters and digits, unique in Azure.')
param storageAccountName string = toLower(take('${replace(resourceBaseName, '-', '')}ops', 24))

@description('The tables\' name prefix (OPS_TABLE_PREFIX), so several installations can share one account.')
param opsTablePrefix string = 'infosak'

@maxLength(42)
param botDisplayName string

param serverfarmsName string = resourceBaseName
param webAppName string = resourceBaseName
param identityName string = resourceBaseName
param location string = resourceGroup().location

@description('The Entra app registration of the tab (Teams SSO), made by aadApp/create.')
param aadAppClientId string
param aadAppTenantId string
param aadAppOauthAuthorityHost string = 'https://login.microsoftonline.com'

param teamsAppId string = ''

@description('The SharePoint site holding the lists, as hostname:/sites/path.')
param sharePointSite string

@description('The app registration that reads and writes the lists (Sites.Selected, write on the site). Empty with graphUseManagedIdentity.')
param graphClientId string

@secure()
param graphClientSecret string

// Graph as the managed identity below (the one the bot authenticates as) instead of the app
// registration: no secret to keep or rotate. Grant the identity its Graph app roles first
// (infra/README.md, "Graph with the managed identity").
@description('Reach Microsoft Graph as the managed identity (GRAPH_MANAGED_IDENTITY=1) instead of graphClientId and its secret.')
param graphUseManagedIdentity bool = false

@secure()
@minLength(32)
@description('Signs the position kept in nano-learning cards.')
param cardStateSecret string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: identityName
}

// SQLite's file on /home (a network share) is safe for one instance only.
var instances = opsStore == 'azure' ? instanceCount : 1

resource serverfarm 'Microsoft.Web/serverfarms@2023-01-01' = {
  kind: 'linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSku
    capacity: instances
  }
  properties: {
    reserved: true
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    // Entra ID only: the instances reach it as the managed identity, by the roles below.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {
  parent: storage
  name: 'default'
}

// The instances take turns leading by a lease on a blob here (the app would create it too).
resource leaderContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = {
  parent: blobService
  name: '${toLower(opsTablePrefix)}-leader'
  properties: {
    publicAccess: 'None'
  }
}

// Built-in roles, by their fixed ids: read and write entities (and create the tables), and take
// and renew the leader's lease. Scoped to this account only.
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

var publicHost = '${webAppName}.azurewebsites.net'

resource webApp 'Microsoft.Web/sites@2023-01-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  // The roles first. Azure may still take a few minutes to apply them; until then an instance's
  // start fails on a 403 and App Service starts it again.
  dependsOn: [
    tableRole
    blobRole
  ]
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    // Any instance answers any request: cards carry their own state, the bookkeeping is shared.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      alwaysOn: true
      appCommandLine: 'node dist/src/server/main.js'
      healthCheckPath: '/api/health'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        { name: 'WEBSITE_NODE_DEFAULT_VERSION', value: '~20' }
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'PUBLIC_URL', value: 'https://${publicHost}' }
        { name: 'DATA_DIR', value: '/home/data' }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
        { name: 'TEAMS_APP_ID', value: teamsAppId }
        { name: 'AAD_APP_CLIENT_ID', value: aadAppClientId }
        { name: 'AAD_APP_TENANT_ID', value: aadAppTenantId }
        { name: 'AAD_APP_OAUTH_AUTHORITY_HOST', value: aadAppOauthAuthorityHost }
        { name: 'AAD_APP_ID_URI', value: 'api://${publicHost}/${aadAppClientId}' }
        { name: 'STORE', value: 'sharepoint' }
        { name: 'SHAREPOINT_SITE', value: sharePointSite }
        { name: 'GRAPH_TENANT_ID', value: aadAppTenantId }
        { name: 'GRAPH_CLIENT_ID', value: graphUseManagedIdentity ? '' : graphClientId }
        { name: 'GRAPH_CLIENT_SECRET', value: graphUseManagedIdentity ? '' : graphClientSecret }
        { name: 'GRAPH_MANAGED_IDENTITY', value: graphUseManagedIdentity ? '1' : '0' }
        { name: 'GRAPH_MANAGED_IDENTITY_CLIENT_ID', value: graphUseManagedIdentity ? identity.properties.clientId : '' }
        { name: 'CARD_STATE_SECRET', value: cardStateSecret }
        { name: 'OPS_STORE', value: opsStore }
        { name: 'OPS_TABLE_ENDPOINT', value: opsStore == 'azure' ? storage.properties.primaryEndpoints.table : '' }
        { name: 'OPS_BLOB_ENDPOINT', value: opsStore == 'azure' ? storage.properties.primaryEndpoints.blob : '' }
        { name: 'OPS_TABLE_PREFIX', value: opsTablePrefix }
        { name: 'OPS_MANAGED_IDENTITY_CLIENT_ID', value: identity.properties.clientId }
        // With Azure the instance holding the lease runs the jobs by itself; with SQLite the one instance does.
        { name: 'SCHEDULER', value: '1' }
        { name: 'LOG_LEVEL', value: 'info' }
      ]
    }
  }
}

module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    identityClientId: identity.properties.clientId
    identityResourceId: identity.id
    identityTenantId: identity.properties.tenantId
    botAppDomain: webApp.properties.defaultHostName
    botDisplayName: botDisplayName
  }
}

// teamsapp.yml's arm/deploy writes these outputs to env/.env.<environment>.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
