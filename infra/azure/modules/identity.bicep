// The one user-assigned identity every app and the schema job run as. Its roles are granted next to the resources
// they open (registry.bicep, storage.bicep, keyvault.bicep), each at the narrowest scope that works.
metadata description = 'User-assigned managed identity of the workloads.'

param namePrefix string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${namePrefix}-id'
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
