// The Api: a stateless Orleans cluster client behind public HTTPS ingress, scaled on concurrent HTTP requests.
metadata description = 'The Api Container App (external HTTPS ingress, HTTP scale rule).'

import { apiHttpPort } from 'app-settings.bicep'

param name string
param location string
param tags object
param environmentId string
param identityId string
param registryServer string
param image string
param env array
param secrets array
param cpu string
param memory string
@minValue(1)
param minReplicas int
@minValue(1)
param maxReplicas int
@minValue(1)
@description('Concurrent requests per replica above which another replica is added.')
param concurrentRequests int
@minValue(0)
@maxValue(600)
param terminationGracePeriodSeconds int

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: name
  location: location
  tags: union(tags, {
    'orleans-role': 'client'
  })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      maxInactiveRevisions: 3
      ingress: {
        external: true
        targetPort: apiHttpPort
        transport: 'auto'
        allowInsecure: false
        traffic: [
          {
            latestRevision: true
            weight: 100
          }
        ]
      }
      registries: [
        {
          server: registryServer
          identity: identityId
        }
      ]
      secrets: secrets
    }
    template: {
      terminationGracePeriodSeconds: terminationGracePeriodSeconds
      containers: [
        {
          name: 'api'
          image: image
          env: env
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/health/live'
                port: apiHttpPort
                scheme: 'HTTP'
              }
              initialDelaySeconds: 2
              periodSeconds: 5
              timeoutSeconds: 3
              failureThreshold: 10
            }
            {
              // /health/ready includes the cluster check: a replica that cannot reach the silos gets no traffic.
              type: 'Readiness'
              httpGet: {
                path: '/health/ready'
                port: apiHttpPort
                scheme: 'HTTP'
              }
              periodSeconds: 10
              timeoutSeconds: 5
              failureThreshold: 3
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/health/live'
                port: apiHttpPort
                scheme: 'HTTP'
              }
              periodSeconds: 15
              timeoutSeconds: 3
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http-load'
            http: {
              metadata: {
                concurrentRequests: string(concurrentRequests)
              }
            }
          }
        ]
      }
    }
  }
}

output name string = app.name
output fqdn string = app.properties.configuration.ingress.fqdn
