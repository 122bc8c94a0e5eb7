// Log Analytics (container console/system logs) and workspace-based Application Insights (app telemetry).
metadata description = 'Log Analytics workspace and Application Insights.'

param namePrefix string
param location string
param tags object
@minValue(30)
@maxValue(730)
param retentionInDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: '${namePrefix}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-appi'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

output workspaceId string = workspace.id
@description('Not a secret (an ingestion endpoint and key), but keep it out of logs anyway.')
output appInsightsConnectionString string = appInsights.properties.ConnectionString
