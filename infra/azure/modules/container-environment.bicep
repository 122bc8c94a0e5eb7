// A VNet-integrated Container Apps environment (workload profiles, Consumption), logging to Log Analytics through
// Azure Monitor diagnostic settings (no shared workspace key). Two are deployed (see main.bicep):
//   internal: the silos and the schema job. Its static IP is a private internal load balancer address; each silo app
//             exposes its own silo/gateway port pair on it, and a private DNS zone resolves <app>.<defaultDomain>.
//   external: the Api, with public HTTPS ingress. It reaches the silos' gateway ports on the internal environment's IP.
metadata description = 'Container Apps environment (internal or external) with diagnostics.'

param name string
param location string
param tags object
param subnetId string
@description('true: no public endpoint, the static IP is private (silos). false: public ingress (Api).')
param internal bool
param workspaceId string
param zoneRedundant bool
@description('Virtual network to link the private DNS zone of an internal environment to.')
param vnetId string

resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    vnetConfiguration: {
      infrastructureSubnetId: subnetId
      internal: internal
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
    zoneRedundant: zoneRedundant
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'container-app-logs'
  scope: environment
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'ContainerAppConsoleLogs'
        enabled: true
      }
      {
        category: 'ContainerAppSystemLogs'
        enabled: true
      }
    ]
  }
}

module privateDns 'environment-dns.bicep' = if (internal) {
  name: '${name}-dns'
  params: {
    zoneName: environment.properties.defaultDomain
    staticIp: environment.properties.staticIp
    vnetId: vnetId
    tags: tags
  }
}

output id string = environment.id
output name string = environment.name
output defaultDomain string = environment.properties.defaultDomain
@description('Internal environment: the private IP every silo advertises. External: the public inbound IP.')
output staticIp string = environment.properties.staticIp
