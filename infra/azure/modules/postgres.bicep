// Azure Database for PostgreSQL Flexible Server with private access: the server lives in a delegated subnet, has no
// public endpoint, and its name resolves through a private DNS zone linked to the virtual network. It holds the
// Orleans membership, grain state and reminders tables (infra/sql, applied by the schema job).
metadata description = 'PostgreSQL Flexible Server (private access), its database and private DNS zone.'

@minLength(3)
@maxLength(63)
param name string
param location string
param tags object
param vnetId string
param delegatedSubnetId string
param databaseName string
param administratorLogin string
@secure()
param administratorLoginPassword string
@allowed([
  '16'
  '17'
])
param version string
param skuName string
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param skuTier string
@minValue(32)
param storageSizeGB int
@minValue(7)
@maxValue(35)
param backupRetentionDays int
@description('Zone-redundant high availability (a standby in another zone); not available on Burstable.')
param highAvailability bool

resource dnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: '${name}.private.postgres.database.azure.com'
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

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: version
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorLoginPassword
    authConfig: {
      passwordAuth: 'Enabled'
      activeDirectoryAuth: 'Disabled'
    }
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: highAvailability ? 'ZoneRedundant' : 'Disabled'
    }
    network: {
      delegatedSubnetResourceId: delegatedSubnetId
      privateDnsZoneArmResourceId: dnsZone.id
      publicNetworkAccess: 'Disabled'
    }
  }
  dependsOn: [
    dnsZone::link
  ]

  resource database 'databases' = {
    name: databaseName
    properties: {
      charset: 'UTF8'
      collation: 'en_US.utf8'
    }
  }

  // Allow-list the extensions the Cluster profile may create (search uses pg_trgm).
  resource extensions 'configurations' = {
    name: 'azure.extensions'
    properties: {
      value: 'PG_TRGM,FUZZYSTRMATCH'
      source: 'user-override'
    }
    dependsOn: [
      database
    ]
  }
}

output name string = server.name
output fqdn string = server.properties.fullyQualifiedDomainName
output databaseName string = server::database.name
