// Applies the Orleans schema (infra/sql/*.sql, idempotent) to PostgreSQL. A manually triggered Container Apps Job in
// the internal environment, so it reaches the server's private address; infra/azure/deploy.sh starts it after every
// deployment and waits for it, before the silos are (re)deployed.
//
// Keeping it simple: the job runs a stock PostgreSQL client image (psql), and the SQL files travel inside this
// template. loadTextContent() embeds each file at build time; each becomes a Container Apps secret, and a secret
// volume mounts them as /schema/<file>.sql. No image of ours to build, and the job always runs the SQL of the commit
// that was deployed. A new infra/sql file must be added to `schemaFiles` below (tests/Infra.Tests fails until it is).
//
// The job connects as the server administrator (PGPASSWORD = postgres-password) and creates or updates the apps'
// least-privilege role from APP_DB_ROLE / APP_DB_PASSWORD (postgres-app-password; 007-app-role.sql).
metadata description = 'Container Apps Job that applies infra/sql/*.sql to the PostgreSQL database.'

import { secretNames } from 'app-settings.bicep'

param name string
param location string
param tags object
param environmentId string
param identityId string
param registryServer string
@description('An image with psql and pg_isready (PostgreSQL 16+ client), e.g. <registry>/postgres:17-alpine.')
param image string
param vaultUri string
param postgresFqdn string
param postgresDatabaseName string
param postgresAdministratorLogin string
@description('The least-privilege role the apps connect as; 007-app-role.sql creates it with the postgres-app-password secret.')
param postgresAppLogin string

var schemaFiles = [
  {
    secret: 'sql-001'
    path: '001-orleans-main.sql'
    content: loadTextContent('../../sql/001-orleans-main.sql')
  }
  {
    secret: 'sql-002'
    path: '002-orleans-clustering.sql'
    content: loadTextContent('../../sql/002-orleans-clustering.sql')
  }
  {
    secret: 'sql-003'
    path: '003-orleans-persistence.sql'
    content: loadTextContent('../../sql/003-orleans-persistence.sql')
  }
  {
    secret: 'sql-004'
    path: '004-orleans-reminders.sql'
    content: loadTextContent('../../sql/004-orleans-reminders.sql')
  }
  {
    secret: 'sql-005'
    path: '005-search.sql'
    content: loadTextContent('../../sql/005-search.sql')
  }
  {
    secret: 'sql-006'
    path: '006-author-posts.sql'
    content: loadTextContent('../../sql/006-author-posts.sql')
  }
  {
    secret: 'sql-007'
    path: '007-app-role.sql'
    content: loadTextContent('../../sql/007-app-role.sql')
  }
]

// Shared with the Kubernetes Job: waits (bounded) for the server, then applies /schema/*.sql in name order.
var script = loadTextContent('../../k8s/base/apply-schema.sh')

resource job 'Microsoft.App/jobs@2025-07-01' = {
  name: name
  location: location
  tags: tags
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
      triggerType: 'Manual'
      manualTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
      }
      replicaTimeout: 600
      replicaRetryLimit: 1
      registries: [
        {
          server: registryServer
          identity: identityId
        }
      ]
      secrets: concat(
        [
          {
            name: secretNames.postgresPassword
            keyVaultUrl: '${vaultUri}secrets/${secretNames.postgresPassword}'
            identity: identityId
          }
          {
            name: secretNames.postgresAppPassword
            keyVaultUrl: '${vaultUri}secrets/${secretNames.postgresAppPassword}'
            identity: identityId
          }
        ],
        map(schemaFiles, file => {
          name: file.secret
          value: file.content
        })
      )
    }
    template: {
      containers: [
        {
          name: 'schema'
          image: image
          command: [
            '/bin/sh'
            '-c'
          ]
          args: [
            script
          ]
          env: [
            {
              name: 'PGHOST'
              value: postgresFqdn
            }
            {
              name: 'PGPORT'
              value: '5432'
            }
            {
              name: 'PGDATABASE'
              value: postgresDatabaseName
            }
            {
              name: 'PGUSER'
              value: postgresAdministratorLogin
            }
            {
              name: 'PGPASSWORD'
              secretRef: secretNames.postgresPassword
            }
            {
              // The apps' role: 007-app-role.sql creates it and (re)sets its password (read with \getenv).
              name: 'APP_DB_ROLE'
              value: postgresAppLogin
            }
            {
              name: 'APP_DB_PASSWORD'
              secretRef: secretNames.postgresAppPassword
            }
            {
              // Encrypted and verified against the image's CA bundle (libpq 16+ understands "system").
              name: 'PGSSLMODE'
              value: 'verify-full'
            }
            {
              name: 'PGSSLROOTCERT'
              value: 'system'
            }
            {
              name: 'PGCONNECT_TIMEOUT'
              value: '10'
            }
            {
              name: 'PGOPTIONS'
              value: '-c client_min_messages=warning'
            }
          ]
          resources: {
            cpu: json('0.25')
            memory: '0.5Gi'
          }
          volumeMounts: [
            {
              volumeName: 'schema'
              mountPath: '/schema'
            }
          ]
        }
      ]
      volumes: [
        {
          name: 'schema'
          storageType: 'Secret'
          secrets: [
            for file in schemaFiles: {
              secretRef: file.secret
              path: file.path
            }
          ]
        }
      ]
    }
  }
}

output name string = job.name
output schemaFiles string[] = [for file in schemaFiles: file.path]
