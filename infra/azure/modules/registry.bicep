// Azure Container Registry: no admin user, no anonymous pull; the workloads pull with the managed identity (AcrPull).
metadata description = 'Container registry and the AcrPull role of the workload identity.'

@minLength(5)
@maxLength(50)
param name string
param location string
param tags object
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param sku string
param pullPrincipalId string

var acrPullRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Enabled'
  }
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, pullPrincipalId, acrPullRoleId)
  scope: registry
  properties: {
    principalId: pullPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: acrPullRoleId
  }
}

output name string = registry.name
output loginServer string = registry.properties.loginServer
