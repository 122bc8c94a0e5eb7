// Key Vault in RBAC mode holding every secret the workloads read. Container Apps reference the secrets by URL
// through the workload identity, which gets "Key Vault Secrets User" on exactly those secrets (not the whole vault).
// The deployment writes the secrets through Azure Resource Manager (a control-plane operation), so the deploying
// principal needs no data-plane role either.
metadata description = 'Key Vault (RBAC), the app secrets, and per-secret Key Vault Secrets User assignments.'

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

param postgresFqdn string
param postgresDatabaseName string
param postgresAdministratorLogin string
@secure()
param postgresAdministratorLoginPassword string
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
  secretNames.redisConnectionString
  secretNames.jwtSigningKey
]

var secretValues = {
  '${secretNames.postgresConnectionString}': postgresConnectionString(
    postgresFqdn,
    postgresDatabaseName,
    postgresAdministratorLogin,
    postgresAdministratorLoginPassword,
    postgresMaxPoolSize
  )
  '${secretNames.postgresPassword}': postgresAdministratorLoginPassword
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
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
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
@description('https://<vault>.vault.azure.net/ (with the trailing slash).')
output vaultUri string = vault.properties.vaultUri
@description('Resource ids of the role assignments, so that apps can wait for them.')
output roleAssignmentIds string[] = [for (secretName, i) in managedSecretNames: secretsUser[i].id]
