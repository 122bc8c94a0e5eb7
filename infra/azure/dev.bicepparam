// Development: smallest SKUs, two silos, purge protection off so the resource group can be thrown away.
// Secrets and the image tag come from the environment of whoever deploys (deploy.sh sets DEPLOY_STAGE):
//   IMAGE_TAG, POSTGRES_ADMIN_PASSWORD and POSTGRES_APP_PASSWORD (>= 12 chars each), JWT_SIGNING_KEY (>= 32 chars)
using 'main.bicep'

param environmentName = 'dev'
param deployStage = readEnvironmentVariable('DEPLOY_STAGE', 'apps')
param imageTag = readEnvironmentVariable('IMAGE_TAG')

param siloCount = 2
param siloCpu = '1.0'
param siloMemory = '2Gi'
param apiMinReplicas = 1
param apiMaxReplicas = 3

param keyVaultPurgeProtection = false
param registrySku = 'Basic'
param storageSku = 'Standard_LRS'
param redisSkuName = 'Basic'
param redisCapacity = 0

param postgresSkuName = 'Standard_B1ms'
param postgresSkuTier = 'Burstable'
param postgresStorageSizeGB = 32
// B1ms allows ~50 connections: (2 silos + 3 Api replicas) x 8 stays below it.
param postgresMaxPoolSize = 8
param postgresAdministratorLoginPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD')
param postgresAppLoginPassword = readEnvironmentVariable('POSTGRES_APP_PASSWORD')
param jwtSigningKey = readEnvironmentVariable('JWT_SIGNING_KEY')

// Durable streams: RedisStreams unless STREAMS_PROVIDER=EventHubs (adds an Event Hubs namespace; see infra/README.md).
param streamsProvider = readEnvironmentVariable('STREAMS_PROVIDER', 'RedisStreams')
