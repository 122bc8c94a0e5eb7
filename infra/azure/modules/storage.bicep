// Media storage: one StorageV2 account with the private "media" container. Shared keys are off, so every caller
// authenticates with Microsoft Entra ID: the workload identity gets Storage Blob Data Contributor on the container
// (read/write/delete media) and Storage Blob Delegator on the account (to sign user-delegation SAS upload URLs).
// Public network access stays on because clients PUT uploads straight to those SAS URLs.
metadata description = 'Storage account, media container, CORS for browser uploads, and the blob data roles.'

@minLength(3)
@maxLength(24)
param name string
param location string
param tags object
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param sku string
param dataPrincipalId string
@description('Origins allowed to PUT/GET blobs from a browser (the Api origin, custom domains).')
param corsOrigins string[]

var blobDataContributorRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
var blobDelegatorRoleId = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a')

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
  }
  kind: 'StorageV2'
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }

  resource blobService 'blobServices' = {
    name: 'default'
    properties: {
      cors: {
        corsRules: empty(corsOrigins)
          ? []
          : [
              {
                allowedOrigins: corsOrigins
                allowedMethods: [
                  'GET'
                  'HEAD'
                  'PUT'
                  'OPTIONS'
                ]
                allowedHeaders: [
                  '*'
                ]
                exposedHeaders: [
                  'ETag'
                ]
                maxAgeInSeconds: 3600
              }
            ]
      }
      deleteRetentionPolicy: {
        enabled: true
        days: 7
      }
      containerDeleteRetentionPolicy: {
        enabled: true
        days: 7
      }
    }

    resource media 'containers' = {
      name: 'media'
      properties: {
        publicAccess: 'None'
      }
    }
  }
}

// Upload objects ("media/uploads/{id}", see Grains/Media/MediaKeys.cs) are deleted by the MediaGrain once processed or
// when their slot expires; this rule sweeps whatever a lost grain or a late PUT through an unexpired SAS URL left behind.
resource uploadSweep 'Microsoft.Storage/storageAccounts/managementPolicies@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-stray-uploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'media/uploads/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: 1
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource mediaContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account::blobService::media.id, dataPrincipalId, blobDataContributorRoleId)
  scope: account::blobService::media
  properties: {
    principalId: dataPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: blobDataContributorRoleId
  }
}

resource delegator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, dataPrincipalId, blobDelegatorRoleId)
  scope: account
  properties: {
    principalId: dataPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: blobDelegatorRoleId
  }
}

output name string = account.name
@description('The blob service endpoint, e.g. https://<account>.blob.core.windows.net/ (the apps add the "media" container).')
output blobEndpoint string = account.properties.primaryEndpoints.blob
