// The environment of every container main.bicep deploys, in one place.
//
// main.bicep builds each silo's and the Api's `env` from these functions, and tests/Infra.Tests evaluates the very
// same functions (bicep build-params) and binds the result to the apps' options, so a renamed key fails a test
// instead of a deployment. Non-secret settings shared with the Kubernetes manifests live in
// infra/k8s/base/app-settings.env (one file for both platforms); secrets are Container Apps secrets that point at
// Key Vault (see secretNames and keyvault.bicep).
metadata description = 'Environment variables of the silo and Api containers (imported by main.bicep and the tests).'

@export()
@description('KEY=VALUE lines of infra/k8s/base/app-settings.env as Container Apps env entries (comments and blank lines dropped).')
var sharedSettings = map(
  filter(
    split(replace(loadTextContent('../../k8s/base/app-settings.env'), '\r', ''), '\n'),
    line => !empty(trim(line)) && !startsWith(trim(line), '#')
  ),
  line => {
    name: trim(split(line, '=')[0])
    value: trim(substring(line, indexOf(line, '=') + 1))
  }
)

@export()
@description('Key Vault secret names; the Container Apps secrets that reference them carry the same names.')
var secretNames = {
  postgresConnectionString: 'postgres-connection-string'
  postgresPassword: 'postgres-password'
  postgresAppPassword: 'postgres-app-password'
  redisConnectionString: 'redis-connection-string'
  jwtSigningKey: 'jwt-signing-key'
}

@export()
@description('The secrets a silo container reads.')
var siloSecretNames = [
  secretNames.postgresConnectionString
  secretNames.redisConnectionString
]

@export()
@description('The secrets an Api container reads.')
var apiSecretNames = [
  secretNames.postgresConnectionString
  secretNames.redisConnectionString
  secretNames.jwtSigningKey
]

@export()
@description('The port the Api listens on for HTTP inside its container.')
var apiHttpPort = 8080

@export()
@description('Port of each silo\'s HTTP endpoint (health and metrics; Silo:HttpPort), reached by the probes only.')
var siloHttpPort = 8090

@export()
@description('Silo-to-silo port of silo number `index` (0-based). Each silo app owns its own pair on the environment address.')
func siloPort(index int) int => 11111 + index

@export()
@description('Client-to-silo (gateway) port of silo number `index` (0-based).')
func gatewayPort(index int) int => 30000 + index

@export()
@description('Streams:Provider and, for EventHubs, the hub the silos and the Api connect to with their identity (no key). Silos and Api get the same list: both ends of a stream must use one engine.')
func streamsEnv(provider string, eventHubsNamespace string, eventHubName string, consumerGroup string, partitionCount int) array =>
  concat(
    [{ name: 'Streams__Provider', value: provider }],
    provider == 'EventHubs'
      ? [
          { name: 'EventHubs__FullyQualifiedNamespace', value: eventHubsNamespace }
          { name: 'EventHubs__HubName', value: eventHubName }
          { name: 'EventHubs__ConsumerGroup', value: consumerGroup }
          { name: 'EventHubs__PartitionCount', value: string(partitionCount) }
        ]
      : []
  )

@export()
@description('Environment of silo number `index`. Silos take generator ids 0-99 (one per silo); Api replicas do not set one.')
func siloEnv(
  index int,
  clusterId string,
  advertisedIPAddress string,
  blobEndpoint string,
  identityClientId string,
  appInsightsConnectionString string,
  streams array
) array =>
  concat(sharedSettings, streams, [
    { name: 'Orleans__ClusterId', value: clusterId }
    { name: 'Orleans__SiloPort', value: string(siloPort(index)) }
    { name: 'Orleans__GatewayPort', value: string(gatewayPort(index)) }
    { name: 'Orleans__AdvertisedIPAddress', value: advertisedIPAddress }
    { name: 'Silo__HttpPort', value: string(siloHttpPort) }
    { name: 'Ids__GeneratorId', value: string(index) }
    { name: 'ConnectionStrings__Blobs', value: blobEndpoint }
    { name: 'ConnectionStrings__Postgres', secretRef: secretNames.postgresConnectionString }
    { name: 'ConnectionStrings__Redis', secretRef: secretNames.redisConnectionString }
    { name: 'AZURE_CLIENT_ID', value: identityClientId }
    { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
  ])

@export()
@description('Environment of the Api (an Orleans cluster client behind HTTPS ingress).')
func apiEnv(
  clusterId string,
  blobEndpoint string,
  identityClientId string,
  appInsightsConnectionString string,
  ingressNetwork string,
  streams array
) array =>
  concat(sharedSettings, streams, [
    { name: 'Orleans__ClusterId', value: clusterId }
    { name: 'ConnectionStrings__Blobs', value: blobEndpoint }
    { name: 'ConnectionStrings__Postgres', secretRef: secretNames.postgresConnectionString }
    { name: 'ConnectionStrings__Redis', secretRef: secretNames.redisConnectionString }
    { name: 'Jwt__SigningKey', secretRef: secretNames.jwtSigningKey }
    { name: 'ASPNETCORE_HTTP_PORTS', value: string(apiHttpPort) }
    // TLS ends at the Container Apps ingress, which runs in the environment's subnet: believe X-Forwarded-Proto/For
    // from there only (the per-address limits need the real client address, and nobody else may choose it).
    { name: 'TrustedProxies__Networks__0', value: ingressNetwork }
    { name: 'AZURE_CLIENT_ID', value: identityClientId }
    { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
  ])

@export()
@description('Npgsql connection string; the password is quoted so that ";", "=" or quotes in it cannot break the string.')
func postgresConnectionString(host string, database string, username string, password string, maxPoolSize int) string =>
  'Host=${host};Port=5432;Database=${database};Username=${username};Password="${replace(password, '"', '""')}";SSL Mode=VerifyFull;Maximum Pool Size=${maxPoolSize}'

@export()
@description('StackExchange.Redis configuration string for Azure Cache for Redis (TLS port).')
func redisConnectionString(host string, sslPort int, accessKey string) string =>
  '${host}:${sslPort},password=${accessKey},ssl=True,abortConnect=False'

@export()
@description('Container Apps secrets that reference Key Vault secrets of the same name through the user-assigned identity.')
func keyVaultSecrets(names string[], vaultUri string, identityId string) array =>
  map(names, name => {
    name: name
    keyVaultUrl: '${vaultUri}secrets/${name}'
    identity: identityId
  })
