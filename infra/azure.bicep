// Infosäk in Azure: one Linux App Service (Node 20) that runs the bot, the tab and its API, a
// user-assigned managed identity the bot authenticates as (and, with graphUseManagedIdentity,
// Microsoft Graph too), and the Azure Bot with the Teams channel. Records live in the
// municipality's SharePoint site (STORE=sharepoint); the app's own bookkeeping (outbox, ledger,
// conversation references) in SQLite under /home/data.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@description('App Service plan. B1 carries a municipality; P0v3 or above for Always On with more headroom.')
param webAppSku string = 'B1'

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

resource serverfarm 'Microsoft.Web/serverfarms@2023-01-01' = {
  kind: 'linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSku
  }
  properties: {
    reserved: true
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
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
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
