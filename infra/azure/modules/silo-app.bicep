// One Orleans silo = one Container App with exactly one replica. Container Apps load-balances an app's ingress over
// its replicas and publishes no per-replica address, so a silo can only be reached reliably when its app has a
// single replica. The app exposes its own silo and gateway ports on the internal environment's private IP (TCP
// ingress; "external" here means "at the environment's load balancer", which is private because the environment is
// internal), and the silo advertises exactly that IP and those ports. Listening and advertised ports are equal, so
// Orleans__SiloPort/GatewayPort are all the silo needs.
metadata description = 'One silo Container App (min = max = 1 replica) with TCP ingress for its silo and gateway ports.'

import { siloPort, gatewayPort, siloHttpPort } from 'app-settings.bicep'

param name string
param location string
param tags object
param environmentId string
param identityId string
param registryServer string
param image string
@minValue(0)
@maxValue(99)
@description('0-based silo number: picks the port pair (11111+i, 30000+i) and the id generator number.')
param index int
param env array
param secrets array
param cpu string
param memory string
@minValue(0)
@maxValue(600)
param terminationGracePeriodSeconds int

var silo = siloPort(index)
var gateway = gatewayPort(index)

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: name
  location: location
  tags: union(tags, {
    'orleans-role': 'silo'
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
      maxInactiveRevisions: 2
      ingress: {
        external: true
        transport: 'tcp'
        targetPort: silo
        exposedPort: silo
        additionalPortMappings: [
          {
            external: true
            targetPort: gateway
            exposedPort: gateway
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
          name: 'silo'
          image: image
          env: env
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          // The silo's own HTTP endpoint: ready = an active member of its cluster, live = the process answers.
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/health/ready'
                port: siloHttpPort
                scheme: 'HTTP'
              }
              initialDelaySeconds: 5
              periodSeconds: 10
              timeoutSeconds: 3
              failureThreshold: 10
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health/ready'
                port: siloHttpPort
                scheme: 'HTTP'
              }
              periodSeconds: 10
              timeoutSeconds: 3
              failureThreshold: 3
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/health/live'
                port: siloHttpPort
                scheme: 'HTTP'
              }
              periodSeconds: 30
              timeoutSeconds: 5
              failureThreshold: 5
            }
          ]
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: 1
      }
    }
  }
}

output name string = app.name
output siloPort int = silo
output gatewayPort int = gateway
