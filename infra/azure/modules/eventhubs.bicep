// Azure Event Hubs for the Orleans durable streams (Streams:Provider=EventHubs): one namespace, one hub whose
// partitions are the stream provider's queues, and the consumer group the silos read with. Entra ID only (no shared
// access keys): the workload identity gets Data Sender (silos and the Api produce) and Data Receiver (silos read) on the
// hub and nothing else. Reached through a private endpoint, like Redis and Key Vault. Read positions (checkpoints) are
// not kept here but in PostgreSQL grain storage, so no storage account or Table service is needed for them.
metadata description = 'Event Hubs namespace, hub, consumer group, private endpoint and data roles for the stream provider.'

@minLength(6)
@maxLength(50)
param name string
param location string
param tags object
param vnetId string
param endpointsSubnetId string

@description('Principal of the workload identity: Data Sender and Data Receiver on the hub.')
param dataPrincipalId string

@description('The hub the stream provider writes and reads (EventHubs:HubName).')
param hubName string

@description('The silos\' consumer group (EventHubs:ConsumerGroup).')
param consumerGroupName string

@description('Partitions of the hub = queues of the stream provider. Fixed once created on the Standard tier.')
@minValue(1)
@maxValue(32)
param partitionCount int

@description('How long the hub keeps events: the longest outage after which unread events can still be delivered.')
@minValue(1)
@maxValue(7)
param retentionDays int

@description('Throughput units (1 unit: 1 MB/s or 1000 events/s in, 2 MB/s out).')
@minValue(1)
@maxValue(40)
param capacity int

// Built-in roles: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles
var dataSenderRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2b629674-e913-4c01-ae53-ef4638d8f975')
var dataReceiverRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde')

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    // Standard: consumer groups beyond $Default, private endpoints and up to 7 days of retention (Basic has none of them).
    name: 'Standard'
    tier: 'Standard'
    capacity: capacity
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Disabled'
  }

  resource hub 'eventhubs' = {
    name: hubName
    properties: {
      partitionCount: partitionCount
      messageRetentionInDays: retentionDays
    }

    resource consumerGroup 'consumergroups' = {
      name: consumerGroupName
    }
  }
}

resource sender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(namespace::hub.id, dataPrincipalId, dataSenderRoleId)
  scope: namespace::hub
  properties: {
    principalId: dataPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: dataSenderRoleId
  }
}

resource receiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(namespace::hub.id, dataPrincipalId, dataReceiverRoleId)
  scope: namespace::hub
  properties: {
    principalId: dataPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: dataReceiverRoleId
  }
}

resource dnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.servicebus.windows.net'
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
}

resource endpoint 'Microsoft.Network/privateEndpoints@2024-07-01' = {
  name: '${name}-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: endpointsSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'eventhubs'
        properties: {
          privateLinkServiceId: namespace.id
          groupIds: [
            'namespace'
          ]
        }
      }
    ]
  }

  resource dnsGroup 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: 'eventhubs'
          properties: {
            privateDnsZoneId: dnsZone.id
          }
        }
      ]
    }
  }
}

@description('The namespace host the apps connect to with their identity (EventHubs:FullyQualifiedNamespace).')
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]
output name string = namespace.name
