// Key Vault in RBAC mode holding every secret the workloads read. Container Apps reference the secrets by URL
// through the workload identity, which gets "Key Vault Secrets User" on exactly those secrets (not the whole vault).
// The deployment writes the secrets through Azure Resource Manager (a control-plane operation, which the vault's
// network rules do not apply to), so the deploying principal needs neither a data-plane role nor a network path.
//
// No public endpoint: publicNetworkAccess is Disabled, the firewall denies by default and trusts no service, and the
// vault is reached through a private endpoint in the virtual network's endpoints subnet, whose name resolves through
// the private DNS zone privatelink.vaultcore.azure.net linked to the network (the same pattern as redis.bicep). Both
// Container Apps environments live in that network, so the apps' and the schema job's Key Vault references resolve
// the vault's private address. Reading a secret from outside the network (a laptop, a hosted CI runner) now fails:
// see infra/README.md, "Secrets and Key Vault".
//
// The apps' PostgreSQL connection string names the least-privilege role (postgresAppLogin, created by the schema job
// from infra/sql/007-app-role.sql); the administrator password is kept for the schema job only.
metadata description = 'Key Vault (RBAC, private endpoint only), the app secrets, and per-secret Key Vault Secrets User assignments.'

import { secretNames, postgresConnectionString, redisConnectionString } from 'app-settings.bicep'

@minLength(3)
@maxLength(24)
param name string
param location string
param tags object
@description('Purge protection cannot be turned off again; off is handy for throwaway dev environments.')
param purgeProtection bool
@description('Principal (object) id of the workload identity that reads the secrets.')
param readerPrincipalId string
param vnetId string
@description('Subnet of the vault\'s private endpoint.')
param endpointsSubnetId string

param postgresFqdn string
param postgresDatabaseName string
@description('Stored as postgres-password, for the schema job only.')
@secure()
param postgresAdministratorLoginPassword string
@description('The role the silos and the Api connect as (created by the schema job).')
param postgresAppLogin string
@secure()
param postgresAppLoginPassword string
@minValue(1)
param postgresMaxPoolSize int
param redisName string
@secure()
param jwtSigningKey string

var secretsUserRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource redis 'Microsoft.Cache/redis@2024-11-01' existing = {
  name: redisName
}

// The names drive the loops (known before deployment); the values are looked up by name.
var managedSecretNames = [
  secretNames.postgresConnectionString
  secretNames.postgresPassword
  secretNames.postgresAppPassword
  secretNames.redisConnectionString
  secretNames.jwtSigningKey
]

var secretValues = {
  '${secretNames.postgresConnectionString}': postgresConnectionString(
    postgresFqdn,
    postgresDatabaseName,
    postgresAppLogin,
    postgresAppLoginPassword,
    postgresMaxPoolSize
  )
  '${secretNames.postgresPassword}': postgresAdministratorLoginPassword
  '${secretNames.postgresAppPassword}': postgresAppLoginPassword
  '${secretNames.redisConnectionString}': redisConnectionString(
    redis.properties.hostName,
    redis.properties.sslPort,
    redis.listKeys().primaryKey
  )
  '${secretNames.jwtSigningKey}': jwtSigningKey
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: purgeProtection ? true : null
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      defaultAction: 'Deny'
      bypass: 'None'
      ipRules: []
      virtualNetworkRules: []
    }
  }
}

resource dnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.vaultcore.azure.net'
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
        name: 'vault'
        properties: {
          privateLinkServiceId: vault.id
          groupIds: [
            'vault'
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
          name: 'vault'
          properties: {
            privateDnsZoneId: dnsZone.id
          }
        }
      ]
    }
  }
}

resource secretResources 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = [
  for secretName in managedSecretNames: {
    parent: vault
    name: secretName
    properties: {
      value: secretValues[secretName]
      contentType: 'text/plain'
    }
  }
]

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (secretName, i) in managedSecretNames: {
    name: guid(secretResources[i].id, readerPrincipalId, secretsUserRoleId)
    scope: secretResources[i]
    properties: {
      principalId: readerPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: secretsUserRoleId
    }
  }
]

output name string = vault.name
@description('https://<vault>.vault.azure.net/ (with the trailing slash). Module outputs exist once the whole module is deployed, so apps that reference secrets start after the private endpoint and its DNS record.')
output vaultUri string = vault.properties.vaultUri
@description('Resource ids of the role assignments, so that apps can wait for them.')
output roleAssignmentIds string[] = [for (secretName, i) in managedSecretNames: secretsUser[i].id]
