// Instagram.Orleans on Azure Container Apps: the Cluster profile, end to end.
//
//   Internet ──HTTPS──► Api (external Container Apps environment, 1..N replicas, Orleans client)
//                        │ gateway ports 30000+i on the internal environment's private IP
//                        ▼
//   silo-0 … silo-(n-1) (internal environment, one Container App per silo, one replica each,
//                        silo port 11111+i / gateway port 30000+i, advertised on the environment's private IP)
//                        │
//   PostgreSQL Flexible Server (private access: membership, grain state, reminders)
//   Azure Cache for Redis (private endpoint, TLS only: Redis Streams, rate limits, idempotency, revocations)
//   Event Hubs namespace (only with streamsProvider=EventHubs; private endpoint, Entra ID only): the durable streams
//   instead of Redis Streams, checkpoints in PostgreSQL grain storage
//   Storage account "media" container (Entra ID only), Key Vault (RBAC, private endpoint only: connection strings,
//   passwords, JWT key). The apps connect to PostgreSQL as a least-privilege role the schema job creates
//   (infra/sql/007-app-role.sql); only the schema job uses the administrator.
//   Log Analytics + Application Insights, Container Registry (pulled by the managed identity)
//
// Deploy in stages (deploy.sh does all three): 'foundation' (everything but the workloads), 'schema' (+ the schema
// job, which deploy.sh then runs), 'apps' (+ silos and Api). See infra/azure/README.md.
targetScope = 'resourceGroup'

metadata description = 'Instagram.Orleans Cluster profile on Azure Container Apps (silos, Api, PostgreSQL, Redis, Blob Storage, Key Vault).'

import { siloEnv, apiEnv, streamsEnv, keyVaultSecrets, siloSecretNames, apiSecretNames } from 'modules/app-settings.bicep'

// ---------------------------------------------------------------------------------------------- parameters

@description('Short environment name used in resource names, e.g. dev or prod.')
@minLength(2)
@maxLength(6)
param environmentName string

@description('Lowercase letters and digits, starting with a letter; prefix of every resource name.')
@minLength(3)
@maxLength(10)
param baseName string = 'insta'

param location string = resourceGroup().location

param tags object = {}

@description('foundation: network, data services, registry, vault, environments. schema: + the schema job. apps: + silos and Api.')
@allowed([
  'foundation'
  'schema'
  'apps'
])
param deployStage string = 'apps'

@description('Tag of the instagram-silo and instagram-api images in the registry (use a unique tag per build, e.g. the git sha).')
@minLength(1)
param imageTag string

@description('Orleans cluster id; all silos and the Api of one deployment share it.')
param clusterId string = 'instagram-${environmentName}'

@description('How many silos (one Container App each). Adding silos adds apps with the next port pairs.')
@minValue(1)
@maxValue(20)
param siloCount int = 2

param siloCpu string = '1.0'
param siloMemory string = '2Gi'

@minValue(1)
param apiMinReplicas int = 1
@minValue(1)
@maxValue(300)
param apiMaxReplicas int = 5
@description('Concurrent HTTP requests per Api replica that trigger a scale-out.')
@minValue(1)
param apiConcurrentRequests int = 100
param apiCpu string = '0.5'
param apiMemory string = '1Gi'

@description('Seconds the platform waits after SIGTERM; longer than DOTNET_shutdownTimeoutSeconds (120) in app-settings.env.')
@minValue(30)
@maxValue(600)
param terminationGracePeriodSeconds int = 150

@description('Private address space of the virtual network (/16); subnets are carved from it.')
param vnetAddressPrefix string = '10.60.0.0/16'

@description('Zone-redundant Container Apps environments (needs a region with availability zones).')
param zoneRedundant bool = false

@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param registrySku string = 'Basic'

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Extra browser origins (custom domains) allowed to upload to and read from the media container.')
param extraCorsOrigins string[] = []

@description('Purge protection cannot be switched off once on; false suits throwaway environments.')
param keyVaultPurgeProtection bool = true

param postgresAdministratorLogin string = 'instagram_admin'

@description('PostgreSQL administrator password; stored in Key Vault for the schema job only, never output.')
@secure()
@minLength(12)
param postgresAdministratorLoginPassword string

@description('The role the silos and the Api connect as: DML on the application tables only, created and kept in shape by the schema job (infra/sql/007-app-role.sql).')
@minLength(1)
@maxLength(63)
param postgresAppLogin string = 'instagram_app'

@description('Password of postgresAppLogin; stored in Key Vault (postgres-app-password and the apps\' connection string), never output. The schema job sets it on the role, so changing it and redeploying rotates it.')
@secure()
@minLength(12)
param postgresAppLoginPassword string

@allowed([
  '16'
  '17'
])
param postgresVersion string = '16'
param postgresSkuName string = 'Standard_B1ms'
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'Burstable'
@minValue(32)
param postgresStorageSizeGB int = 32
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 7
param postgresHighAvailability bool = false
@description('Npgsql pool size per process; (silos + Api replicas) x this must stay below the server\'s max_connections.')
@minValue(1)
param postgresMaxPoolSize int = 20

@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param redisSkuName string = 'Standard'
@minValue(0)
@maxValue(6)
param redisCapacity int = 1

@description('Engine of the Orleans durable streams. RedisStreams (default) uses the Redis above; EventHubs adds an Event Hubs namespace and points silos and Api at it (Streams:Provider).')
@allowed([
  'RedisStreams'
  'EventHubs'
])
param streamsProvider string = 'RedisStreams'

@description('EventHubs only: partitions of the hub, which are the stream provider\'s queues (one pulling agent each). Fixed once the hub exists.')
@minValue(1)
@maxValue(32)
param eventHubsPartitionCount int = 8

@description('EventHubs only: days the hub keeps events, the longest silo outage after which events are still delivered.')
@minValue(1)
@maxValue(7)
param eventHubsRetentionDays int = 1

@description('EventHubs only: throughput units of the namespace.')
@minValue(1)
@maxValue(40)
param eventHubsCapacity int = 1

@description('HMAC key for the Api\'s JWTs (at least 32 characters); stored in Key Vault as jwt-signing-key.')
@secure()
@minLength(32)
param jwtSigningKey string

@description('Image with psql for the schema job. Empty: <registry>/postgres:17-alpine, imported by deploy.sh.')
param schemaJobImage string = ''

// ---------------------------------------------------------------------------------------------- names

var deploySchema = deployStage != 'foundation'
var useEventHubs = streamsProvider == 'EventHubs'
var deployApps = deployStage == 'apps'

var suffix = take(uniqueString(subscription().id, resourceGroup().id, baseName, environmentName), 6)
var prefix = toLower('${baseName}-${environmentName}')
var compact = toLower(replace('${baseName}${environmentName}', '-', ''))
var allTags = union(tags, {
  application: 'instagram-orleans'
  environment: environmentName
})

var names = {
  registry: 'cr${compact}${suffix}'
  storage: 'st${compact}${suffix}'
  keyVault: 'kv${compact}${suffix}'
  postgres: 'psql-${prefix}-${suffix}'
  redis: 'redis-${prefix}-${suffix}'
  eventHubs: 'evhns-${prefix}-${suffix}'
  eventHub: 'orleans-streams'
  eventHubConsumerGroup: 'silos'
  clusterEnvironment: '${prefix}-cluster-env'
  apiEnvironment: '${prefix}-api-env'
  api: '${prefix}-api'
  schemaJob: '${prefix}-schema'
}
var databaseName = 'instagram'

// ---------------------------------------------------------------------------------------------- foundation

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    namePrefix: prefix
    location: location
    tags: allTags
    retentionInDays: logRetentionDays
  }
}

module network 'modules/network.bicep' = {
  name: 'network'
  params: {
    namePrefix: prefix
    location: location
    tags: allTags
    addressPrefix: vnetAddressPrefix
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    namePrefix: prefix
    location: location
    tags: allTags
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    name: names.registry
    location: location
    tags: allTags
    sku: registrySku
    pullPrincipalId: identity.outputs.principalId
  }
}

module clusterEnvironment 'modules/container-environment.bicep' = {
  name: 'cluster-environment'
  params: {
    name: names.clusterEnvironment
    location: location
    tags: allTags
    subnetId: network.outputs.clusterEnvSubnetId
    internal: true
    workspaceId: monitoring.outputs.workspaceId
    zoneRedundant: zoneRedundant
    vnetId: network.outputs.vnetId
  }
}

module apiEnvironment 'modules/container-environment.bicep' = {
  name: 'api-environment'
  params: {
    name: names.apiEnvironment
    location: location
    tags: allTags
    subnetId: network.outputs.apiEnvSubnetId
    internal: false
    workspaceId: monitoring.outputs.workspaceId
    zoneRedundant: zoneRedundant
    vnetId: network.outputs.vnetId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: allTags
    sku: storageSku
    dataPrincipalId: identity.outputs.principalId
    corsOrigins: concat([
      'https://${names.api}.${apiEnvironment.outputs.defaultDomain}'
    ], extraCorsOrigins)
  }
}

module postgres 'modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    name: names.postgres
    location: location
    tags: allTags
    vnetId: network.outputs.vnetId
    delegatedSubnetId: network.outputs.postgresSubnetId
    databaseName: databaseName
    administratorLogin: postgresAdministratorLogin
    administratorLoginPassword: postgresAdministratorLoginPassword
    version: postgresVersion
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageSizeGB
    backupRetentionDays: postgresBackupRetentionDays
    highAvailability: postgresHighAvailability
  }
}

module redis 'modules/redis.bicep' = {
  name: 'redis'
  params: {
    name: names.redis
    location: location
    tags: allTags
    vnetId: network.outputs.vnetId
    endpointsSubnetId: network.outputs.endpointsSubnetId
    skuName: redisSkuName
    capacity: redisCapacity
  }
}

module eventHubs 'modules/eventhubs.bicep' = if (useEventHubs) {
  name: 'event-hubs'
  params: {
    name: names.eventHubs
    location: location
    tags: allTags
    vnetId: network.outputs.vnetId
    endpointsSubnetId: network.outputs.endpointsSubnetId
    dataPrincipalId: identity.outputs.principalId
    hubName: names.eventHub
    consumerGroupName: names.eventHubConsumerGroup
    partitionCount: eventHubsPartitionCount
    retentionDays: eventHubsRetentionDays
    capacity: eventHubsCapacity
  }
}

// The same list for silos and Api: a producer on another engine than the silos would lose its events.
var streams = streamsEnv(
  streamsProvider,
  useEventHubs ? eventHubs!.outputs.fullyQualifiedNamespace : '',
  names.eventHub,
  names.eventHubConsumerGroup,
  eventHubsPartitionCount
)

module keyVault 'modules/keyvault.bicep' = {
  name: 'key-vault'
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    purgeProtection: keyVaultPurgeProtection
    readerPrincipalId: identity.outputs.principalId
    vnetId: network.outputs.vnetId
    endpointsSubnetId: network.outputs.endpointsSubnetId
    postgresFqdn: postgres.outputs.fqdn
    postgresDatabaseName: postgres.outputs.databaseName
    postgresAdministratorLoginPassword: postgresAdministratorLoginPassword
    postgresAppLogin: postgresAppLogin
    postgresAppLoginPassword: postgresAppLoginPassword
    postgresMaxPoolSize: postgresMaxPoolSize
    redisName: redis.outputs.name
    jwtSigningKey: jwtSigningKey
  }
}

// ---------------------------------------------------------------------------------------------- workloads

module schemaJob 'modules/schema-job.bicep' = if (deploySchema) {
  name: 'schema-job'
  params: {
    name: names.schemaJob
    location: location
    tags: allTags
    environmentId: clusterEnvironment.outputs.id
    identityId: identity.outputs.id
    registryServer: registry.outputs.loginServer
    image: empty(schemaJobImage) ? '${registry.outputs.loginServer}/postgres:17-alpine' : schemaJobImage
    vaultUri: keyVault.outputs.vaultUri
    postgresFqdn: postgres.outputs.fqdn
    postgresDatabaseName: postgres.outputs.databaseName
    postgresAdministratorLogin: postgresAdministratorLogin
    postgresAppLogin: postgresAppLogin
  }
}

module silos 'modules/silo-app.bicep' = [
  for i in range(0, siloCount): if (deployApps) {
    name: 'silo-${i}'
    params: {
      name: '${prefix}-silo-${i}'
      location: location
      tags: allTags
      environmentId: clusterEnvironment.outputs.id
      identityId: identity.outputs.id
      registryServer: registry.outputs.loginServer
      image: '${registry.outputs.loginServer}/instagram-silo:${imageTag}'
      index: i
      env: siloEnv(
        i,
        clusterId,
        clusterEnvironment.outputs.staticIp,
        storage.outputs.blobEndpoint,
        identity.outputs.clientId,
        monitoring.outputs.appInsightsConnectionString,
        streams
      )
      secrets: keyVaultSecrets(siloSecretNames, keyVault.outputs.vaultUri, identity.outputs.id)
      cpu: siloCpu
      memory: siloMemory
      terminationGracePeriodSeconds: terminationGracePeriodSeconds
    }
  }
]

module api 'modules/api-app.bicep' = if (deployApps) {
  name: 'api'
  params: {
    name: names.api
    location: location
    tags: allTags
    environmentId: apiEnvironment.outputs.id
    identityId: identity.outputs.id
    registryServer: registry.outputs.loginServer
    image: '${registry.outputs.loginServer}/instagram-api:${imageTag}'
    env: apiEnv(clusterId, storage.outputs.blobEndpoint, identity.outputs.clientId, monitoring.outputs.appInsightsConnectionString, network.outputs.apiEnvSubnetPrefix, streams)
    secrets: keyVaultSecrets(apiSecretNames, keyVault.outputs.vaultUri, identity.outputs.id)
    cpu: apiCpu
    memory: apiMemory
    minReplicas: apiMinReplicas
    maxReplicas: max(apiMinReplicas, apiMaxReplicas)
    concurrentRequests: apiConcurrentRequests
    terminationGracePeriodSeconds: terminationGracePeriodSeconds
  }
  // Start the Api once the silos exist, so its first readiness checks find a cluster.
  dependsOn: [
    silos
  ]
}

// ---------------------------------------------------------------------------------------------- outputs

@description('Public base URL of the Api (the API reference is at /scalar/v1). Empty before the apps stage.')
output apiUrl string = deployApps ? 'https://${api!.outputs.fqdn}' : ''

@description('Push images here: <loginServer>/instagram-silo:<tag>, <loginServer>/instagram-api:<tag>.')
output registryLoginServer string = registry.outputs.loginServer
output registryName string = registry.outputs.name

@description('Default domain of the internal (silo) environment: a future Orleans dashboard app <name> is served at https://<name>.<this domain>, reachable from the virtual network only.')
output dashboardDomain string = clusterEnvironment.outputs.defaultDomain

@description('The private IP every silo advertises (silo i: ports 11111+i and 30000+i).')
output clusterEnvironmentStaticIp string = clusterEnvironment.outputs.staticIp

output apiEnvironmentDefaultDomain string = apiEnvironment.outputs.defaultDomain

@description('Start with: az containerapp job start -g <rg> -n <schemaJobName>. Empty in the foundation stage.')
output schemaJobName string = deploySchema ? names.schemaJob : ''

output siloAppNames string[] = [for i in range(0, siloCount): '${prefix}-silo-${i}']
output apiAppName string = names.api
output keyVaultName string = keyVault.outputs.name
output storageAccountName string = storage.outputs.name
output postgresServerName string = postgres.outputs.name
output redisName string = redis.outputs.name
@description('The Event Hubs namespace host, when streamsProvider is EventHubs; empty otherwise.')
output eventHubsNamespace string = useEventHubs ? eventHubs!.outputs.fullyQualifiedNamespace : ''
output identityClientId string = identity.outputs.clientId
output clusterId string = clusterId
