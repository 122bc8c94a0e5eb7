// One virtual network, four subnets carved out of its address space with cidrSubnet():
//   cluster-env  (/23)  internal Container Apps environment: the silos and the schema job
//   api-env      (/23)  external Container Apps environment: the Api
//   postgres     (/24)  delegated to PostgreSQL Flexible Server (private access)
//   endpoints    (/24)  private endpoints (Azure Cache for Redis, Key Vault)
metadata description = 'Virtual network and subnets.'

param namePrefix string
param location string
param tags object
@description('A /16 (or larger) private range; the subnets take the first 6 x /24 of it.')
param addressPrefix string

var clusterEnvSubnetName = 'snet-cluster-env'
var apiEnvSubnetName = 'snet-api-env'
var postgresSubnetName = 'snet-postgres'
var endpointsSubnetName = 'snet-private-endpoints'

var containerAppsDelegation = [
  {
    name: 'Microsoft.App.environments'
    properties: {
      serviceName: 'Microsoft.App/environments'
    }
  }
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-07-01' = {
  name: '${namePrefix}-vnet'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: clusterEnvSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 23, 0)
          delegations: containerAppsDelegation
        }
      }
      {
        name: apiEnvSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 23, 1)
          delegations: containerAppsDelegation
        }
      }
      {
        name: postgresSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 4)
          delegations: [
            {
              name: 'Microsoft.DBforPostgreSQL.flexibleServers'
              properties: {
                serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'
              }
            }
          ]
        }
      }
      {
        name: endpointsSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 5)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }

  resource clusterEnvSubnet 'subnets' existing = {
    name: clusterEnvSubnetName
  }

  resource apiEnvSubnet 'subnets' existing = {
    name: apiEnvSubnetName
  }

  resource postgresSubnet 'subnets' existing = {
    name: postgresSubnetName
  }

  resource endpointsSubnet 'subnets' existing = {
    name: endpointsSubnetName
  }
}

output vnetId string = vnet.id
output clusterEnvSubnetId string = vnet::clusterEnvSubnet.id
output apiEnvSubnetId string = vnet::apiEnvSubnet.id
@description('The Api environment\'s subnet: where its ingress proxies connect from.')
output apiEnvSubnetPrefix string = cidrSubnet(addressPrefix, 23, 1)
output postgresSubnetId string = vnet::postgresSubnet.id
output endpointsSubnetId string = vnet::endpointsSubnet.id
