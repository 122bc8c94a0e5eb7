// Azure Cache for Redis: TLS only (port 6380, non-TLS port off, TLS 1.2+), reachable only through a private endpoint.
// It carries the Orleans persistent streams (Redis Streams), rate-limit counters, idempotency keys and token
// revocations. maxmemory-policy volatile-lru evicts only keys with a TTL (counters, idempotency keys) and never the
// streams, which have none.
metadata description = 'Azure Cache for Redis with a private endpoint and its private DNS zone.'

@minLength(1)
@maxLength(63)
param name string
param location string
param tags object
param vnetId string
param endpointsSubnetId string
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param skuName string
@minValue(0)
@maxValue(6)
param capacity int

resource redis 'Microsoft.Cache/redis@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: skuName
      family: skuName == 'Premium' ? 'P' : 'C'
      capacity: capacity
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Disabled'
    redisVersion: '6'
    redisConfiguration: {
      'maxmemory-policy': 'volatile-lru'
    }
  }
}

resource dnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.redis.cache.windows.net'
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
        name: 'redis'
        properties: {
          privateLinkServiceId: redis.id
          groupIds: [
            'redisCache'
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
          name: 'redis'
          properties: {
            privateDnsZoneId: dnsZone.id
          }
        }
      ]
    }
  }
}

output name string = redis.name
output hostName string = redis.properties.hostName
output sslPort int = redis.properties.sslPort
