// Production: three silos, zone-redundant environments and storage, PostgreSQL with a zone-redundant standby.
// Secrets and the image tag come from the environment of whoever deploys (deploy.sh sets DEPLOY_STAGE):
//   IMAGE_TAG, POSTGRES_ADMIN_PASSWORD and POSTGRES_APP_PASSWORD (>= 12 chars each), JWT_SIGNING_KEY (>= 32 chars)
using 'main.bicep'

param environmentName = 'prod'
param deployStage = readEnvironmentVariable('DEPLOY_STAGE', 'apps')
param imageTag = readEnvironmentVariable('IMAGE_TAG')

param siloCount = 3
param siloCpu = '2.0'
param siloMemory = '4Gi'
param apiMinReplicas = 2
param apiMaxReplicas = 10
param apiConcurrentRequests = 100

param zoneRedundant = true
param logRetentionDays = 90
param keyVaultPurgeProtection = true
param registrySku = 'Standard'
param storageSku = 'Standard_ZRS'
param redisSkuName = 'Standard'
param redisCapacity = 1

param postgresVersion = '16'
param postgresSkuName = 'Standard_D2ds_v5'
param postgresSkuTier = 'GeneralPurpose'
param postgresStorageSizeGB = 128
param postgresBackupRetentionDays = 14
param postgresHighAvailability = true
// D2ds_v5 allows ~850 connections: (3 silos + 10 Api replicas) x 40 stays well below it.
param postgresMaxPoolSize = 40
param postgresAdministratorLoginPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD')
param postgresAppLoginPassword = readEnvironmentVariable('POSTGRES_APP_PASSWORD')
param jwtSigningKey = readEnvironmentVariable('JWT_SIGNING_KEY')

// Durable streams: RedisStreams unless STREAMS_PROVIDER=EventHubs (adds an Event Hubs namespace; see infra/README.md).
param streamsProvider = readEnvironmentVariable('STREAMS_PROVIDER', 'RedisStreams')
