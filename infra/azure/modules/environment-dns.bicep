// Resolves <app>.<defaultDomain> of an internal Container Apps environment to its private static IP inside the VNet
// (e.g. a future Orleans dashboard app). Orleans itself needs no DNS: silos advertise the IP.
metadata description = 'Private DNS zone for an internal Container Apps environment.'

param zoneName string
param staticIp string
param vnetId string
param tags object

resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: zoneName
  location: 'global'
  tags: tags

  resource link 'virtualNetworkLinks' = {
    name: 'vnet-link'
    location: 'global'
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnetId
      }
    }
  }

  resource wildcard 'A' = {
    name: '*'
    properties: {
      ttl: 300
      aRecords: [
        {
          ipv4Address: staticIp
        }
      ]
    }
  }
}
