// The Terraform schema of every resource type the pack reads, as pulumi-gcp exposes it: for each
// field its Pulumi name, whether Terraform marks it Required (r), Optional (o), Computed (c) or
// Optional+Computed (oc), whether it is a nested block that Pulumi flattens to one object (1) or
// keeps as a list (*), and its Terraform `Default` (=JSON).
//
// Derived, not copied: each file named below was read from hashicorp/terraform-provider-google-beta
// (the upstream of pulumi-gcp; google-beta/services/<product>/<file>, commit 93c65b2d, 2026-08-21,
// tag v7.45.0), its `Schema:` maps walked recursively, and every field name matched against the
// declarations of @pulumi/gcp 9.37.0 (the version in package-lock.json), which also settles the
// bridge's renames (terraform_labels -> pulumiLabels, pluralised lists such as env -> envs,
// traffic -> traffics). Three fields exist in @pulumi/gcp 9.37.0 but no longer upstream
// (cloudrunv2 WorkerPool `customAudiences` and the probes' `httpHeaders[].port`): kept as "o".
// `plan` lists the resource's CustomizeDiff functions that fill fields during plan (see outputs.ts).
// The `deletionPolicy` entries come from tpgresource.DeletionPolicySchemaEntry (Optional+Computed).
// Regenerate: tools/engines/gcp/derive/derive_schemas.py <terraform-provider-google-beta checkout>
// (it rewrites the table below, keeps this header, and prints the mismatches named above).

/** A field: its flags, or its flags and the fields of its nested block. */
export type FieldSpec = string | readonly [string, Fields];
export interface Fields {
    readonly [pulumiName: string]: FieldSpec;
}

/** A CustomizeDiff function of the Terraform google provider that sets fields at plan time. */
export type PlanHook = "project" | "region" | "labels" | "annotations" | "metadataLabels" | "metadataAnnotations" | "deletionPolicy";

export interface TypeSchema {
    /** The Terraform source file the fields and hooks were read from. */
    readonly source: string;
    readonly plan: readonly PlanHook[];
    readonly fields: Fields;
}

export const GCP_SCHEMAS: Readonly<Record<string, TypeSchema>> = {
    // resource_cloud_run_v2_service.go: CustomizeDiff SetLabelsDiff, SetAnnotationsDiff, DefaultProviderProject, DefaultProviderDeletionPolicy("DELETE")
    "gcp:cloudrunv2/service:Service": {
        source: "resource_cloud_run_v2_service.go",
        plan: ["labels", "annotations", "project", "deletionPolicy"],
        fields: {
            location: "r",
            name: "r",
            template: [
                "r1",
                {
                    annotations: "o",
                    containers: [
                        "o*",
                        {
                            image: "r",
                            args: "o",
                            baseImageUri: "o",
                            commands: "o",
                            dependsOns: "o",
                            envs: [
                                "o*",
                                {
                                    name: "r",
                                    value: 'o=""',
                                    valueSource: [
                                        "o1",
                                        {
                                            secretKeyRef: [
                                                "o1",
                                                {
                                                    secret: "r",
                                                    version: "o",
                                                },
                                            ],
                                        },
                                    ],
                                },
                            ],
                            livenessProbe: [
                                "o1",
                                {
                                    failureThreshold: "o=3",
                                    grpc: [
                                        "o1",
                                        {
                                            port: "oc",
                                            service: "o",
                                        },
                                    ],
                                    httpGet: [
                                        "o1",
                                        {
                                            httpHeaders: [
                                                "o*",
                                                {
                                                    name: "r",
                                                    value: 'o=""',
                                                },
                                            ],
                                            path: 'o="/"',
                                            port: "oc",
                                        },
                                    ],
                                    initialDelaySeconds: "o=0",
                                    periodSeconds: "o=10",
                                    tcpSocket: [
                                        "o1",
                                        {
                                            port: "r",
                                        },
                                    ],
                                    timeoutSeconds: "o=1",
                                },
                            ],
                            name: "o",
                            ports: [
                                "oc1",
                                {
                                    containerPort: "o",
                                    name: "oc",
                                },
                            ],
                            readinessProbe: [
                                "o1",
                                {
                                    failureThreshold: "oc",
                                    grpc: [
                                        "o1",
                                        {
                                            port: "oc",
                                            service: "o",
                                        },
                                    ],
                                    httpGet: [
                                        "o1",
                                        {
                                            path: "oc",
                                            port: "oc",
                                        },
                                    ],
                                    periodSeconds: "oc",
                                    successThreshold: "oc",
                                    timeoutSeconds: "oc",
                                },
                            ],
                            resources: [
                                "oc1",
                                {
                                    cpuIdle: "o",
                                    limits: "oc",
                                    startupCpuBoost: "o",
                                },
                            ],
                            sandboxLauncher: "o",
                            sourceCode: [
                                "o1",
                                {
                                    cloudStorageSource: [
                                        "o1",
                                        {
                                            bucket: "r",
                                            object: "r",
                                            generation: "o",
                                        },
                                    ],
                                },
                            ],
                            startupProbe: [
                                "oc1",
                                {
                                    failureThreshold: "o=3",
                                    grpc: [
                                        "o1",
                                        {
                                            port: "oc",
                                            service: "o",
                                        },
                                    ],
                                    httpGet: [
                                        "o1",
                                        {
                                            httpHeaders: [
                                                "o*",
                                                {
                                                    name: "r",
                                                    value: 'o=""',
                                                },
                                            ],
                                            path: 'o="/"',
                                            port: "oc",
                                        },
                                    ],
                                    initialDelaySeconds: "o=0",
                                    periodSeconds: "o=10",
                                    tcpSocket: [
                                        "o1",
                                        {
                                            port: "oc",
                                        },
                                    ],
                                    timeoutSeconds: "o=1",
                                },
                            ],
                            volumeMounts: [
                                "o*",
                                {
                                    mountPath: "r",
                                    name: "r",
                                    subPath: "o",
                                },
                            ],
                            workingDir: "o",
                            buildInfos: [
                                "c*",
                                {
                                    functionTarget: "c",
                                    sourceLocation: "c",
                                },
                            ],
                        },
                    ],
                    encryptionKey: "o",
                    executionEnvironment: "o",
                    gpuZonalRedundancyDisabled: "o",
                    healthCheckDisabled: "o",
                    labels: "o",
                    maxInstanceRequestConcurrency: "oc",
                    nodeSelector: [
                        "o1",
                        {
                            accelerator: "r",
                        },
                    ],
                    revision: "o",
                    sandboxes: [
                        "o1",
                        {
                            templates: [
                                "o*",
                                {
                                    image: "r",
                                    name: "r",
                                    args: "o",
                                    commands: "o",
                                    envs: [
                                        "o*",
                                        {
                                            name: "r",
                                            value: 'o=""',
                                        },
                                    ],
                                    volumeMounts: [
                                        "o*",
                                        {
                                            mountPath: "r",
                                            name: "r",
                                            subPath: "o",
                                        },
                                    ],
                                    workingDir: "o",
                                },
                            ],
                        },
                    ],
                    scaling: [
                        "oc1",
                        {
                            concurrencyUtilization: "o",
                            cpuUtilization: "o",
                            maxInstanceCount: "oc",
                            minInstanceCount: "o",
                        },
                    ],
                    serviceAccount: "oc",
                    serviceMesh: [
                        "o1",
                        {
                            mesh: "o",
                        },
                    ],
                    sessionAffinity: "o",
                    timeout: "oc",
                    volumes: [
                        "o*",
                        {
                            name: "r",
                            cloudSqlInstance: [
                                "o1",
                                {
                                    instances: "o",
                                },
                            ],
                            emptyDir: [
                                "o1",
                                {
                                    medium: 'o="MEMORY"',
                                    sizeLimit: "o",
                                },
                            ],
                            gcs: [
                                "o1",
                                {
                                    bucket: "r",
                                    mountOptions: "o",
                                    readOnly: "o",
                                },
                            ],
                            nfs: [
                                "o1",
                                {
                                    path: "r",
                                    server: "r",
                                    readOnly: "o",
                                },
                            ],
                            secret: [
                                "o1",
                                {
                                    secret: "r",
                                    defaultMode: "o",
                                    items: [
                                        "o*",
                                        {
                                            path: "r",
                                            mode: "o",
                                            version: "o",
                                        },
                                    ],
                                },
                            ],
                        },
                    ],
                    vpcAccess: [
                        "o1",
                        {
                            connector: "o",
                            egress: "oc",
                            networkInterfaces: [
                                "o*",
                                {
                                    network: "oc",
                                    subnetwork: "oc",
                                    tags: "o",
                                },
                            ],
                        },
                    ],
                },
            ],
            annotations: "o",
            binaryAuthorization: [
                "o1",
                {
                    breakglassJustification: "o",
                    policy: "o",
                    useDefault: "o",
                },
            ],
            buildConfig: [
                "o1",
                {
                    baseImage: "o",
                    enableAutomaticUpdates: "o",
                    environmentVariables: "o",
                    functionTarget: "o",
                    imageUri: "o",
                    serviceAccount: "o",
                    sourceLocation: "o",
                    workerPool: "o",
                    name: "c",
                },
            ],
            client: "o",
            clientVersion: "o",
            customAudiences: "o",
            defaultUriDisabled: "o",
            description: "o",
            iapEnabled: "o",
            ingress: "oc",
            invokerIamDisabled: "o",
            labels: "o",
            launchStage: "oc",
            multiRegionSettings: [
                "o1",
                {
                    regions: "o",
                    multiRegionId: "c",
                },
            ],
            scaling: [
                "oc1",
                {
                    manualInstanceCount: "oc",
                    maxInstanceCount: "oc",
                    minInstanceCount: "oc",
                    scalingMode: "o",
                },
            ],
            tags: "o",
            traffics: [
                "oc*",
                {
                    percent: "oc",
                    revision: "o",
                    tag: "o",
                    type: "o",
                },
            ],
            conditions: [
                "c*",
                {
                    executionReason: "c",
                    lastTransitionTime: "c",
                    message: "c",
                    reason: "c",
                    revisionReason: "c",
                    severity: "c",
                    state: "c",
                    type: "c",
                },
            ],
            createTime: "c",
            creator: "c",
            deleteTime: "c",
            effectiveAnnotations: "c",
            effectiveLabels: "c",
            etag: "c",
            expireTime: "c",
            generation: "c",
            lastModifier: "c",
            latestCreatedRevision: "c",
            latestReadyRevision: "c",
            observedGeneration: "c",
            reconciling: "c",
            terminalConditions: [
                "c*",
                {
                    executionReason: "c",
                    lastTransitionTime: "c",
                    message: "c",
                    reason: "c",
                    revisionReason: "c",
                    severity: "c",
                    state: "c",
                    type: "c",
                },
            ],
            pulumiLabels: "c",
            trafficStatuses: [
                "c*",
                {
                    percent: "c",
                    revision: "c",
                    tag: "c",
                    type: "c",
                    uri: "c",
                },
            ],
            uid: "c",
            updateTime: "c",
            uri: "c",
            urls: "c",
            deletionProtection: "o=true",
            project: "oc",
            deletionPolicy: "oc",
        },
    },
    // resource_cloud_run_v2_job.go: CustomizeDiff SetLabelsDiff, SetAnnotationsDiff, DefaultProviderProject, DefaultProviderDeletionPolicy("DELETE")
    "gcp:cloudrunv2/job:Job": {
        source: "resource_cloud_run_v2_job.go",
        plan: ["labels", "annotations", "project", "deletionPolicy"],
        fields: {
            location: "r",
            name: "r",
            template: [
                "r1",
                {
                    template: [
                        "r1",
                        {
                            containers: [
                                "oc*",
                                {
                                    image: "r",
                                    args: "o",
                                    commands: "o",
                                    dependsOns: "o",
                                    envs: [
                                        "o*",
                                        {
                                            name: "r",
                                            value: 'o=""',
                                            valueSource: [
                                                "o1",
                                                {
                                                    secretKeyRef: [
                                                        "o1",
                                                        {
                                                            secret: "r",
                                                            version: "r",
                                                        },
                                                    ],
                                                },
                                            ],
                                        },
                                    ],
                                    name: "o",
                                    ports: [
                                        "o*",
                                        {
                                            containerPort: "o",
                                            name: "o",
                                        },
                                    ],
                                    resources: [
                                        "oc1",
                                        {
                                            limits: "oc",
                                        },
                                    ],
                                    startupProbe: [
                                        "oc1",
                                        {
                                            failureThreshold: "o=3",
                                            grpc: [
                                                "o1",
                                                {
                                                    port: "oc",
                                                    service: "o",
                                                },
                                            ],
                                            httpGet: [
                                                "o1",
                                                {
                                                    httpHeaders: [
                                                        "o*",
                                                        {
                                                            name: "r",
                                                            value: 'o=""',
                                                        },
                                                    ],
                                                    path: 'o="/"',
                                                    port: "oc",
                                                },
                                            ],
                                            initialDelaySeconds: "o=0",
                                            periodSeconds: "o=10",
                                            tcpSocket: [
                                                "o1",
                                                {
                                                    port: "oc",
                                                },
                                            ],
                                            timeoutSeconds: "o=1",
                                        },
                                    ],
                                    volumeMounts: [
                                        "o*",
                                        {
                                            mountPath: "r",
                                            name: "r",
                                            subPath: "o",
                                        },
                                    ],
                                    workingDir: "o",
                                },
                            ],
                            encryptionKey: "o",
                            executionEnvironment: "oc",
                            gpuZonalRedundancyDisabled: "o",
                            maxRetries: "o=3",
                            nodeSelector: [
                                "o1",
                                {
                                    accelerator: "r",
                                },
                            ],
                            serviceAccount: "oc",
                            timeout: "oc",
                            volumes: [
                                "o*",
                                {
                                    name: "r",
                                    cloudSqlInstance: [
                                        "o1",
                                        {
                                            instances: "o",
                                        },
                                    ],
                                    emptyDir: [
                                        "o1",
                                        {
                                            medium: 'o="MEMORY"',
                                            sizeLimit: "o",
                                        },
                                    ],
                                    gcs: [
                                        "o1",
                                        {
                                            bucket: "r",
                                            mountOptions: "o",
                                            readOnly: "o",
                                        },
                                    ],
                                    nfs: [
                                        "o1",
                                        {
                                            server: "r",
                                            path: "o",
                                            readOnly: "o",
                                        },
                                    ],
                                    secret: [
                                        "o1",
                                        {
                                            secret: "r",
                                            defaultMode: "o",
                                            items: [
                                                "o*",
                                                {
                                                    path: "r",
                                                    version: "r",
                                                    mode: "o",
                                                },
                                            ],
                                        },
                                    ],
                                },
                            ],
                            vpcAccess: [
                                "o1",
                                {
                                    connector: "o",
                                    egress: "oc",
                                    networkInterfaces: [
                                        "o*",
                                        {
                                            network: "oc",
                                            subnetwork: "oc",
                                            tags: "o",
                                        },
                                    ],
                                },
                            ],
                        },
                    ],
                    annotations: "o",
                    labels: "o",
                    parallelism: "oc",
                    taskCount: "oc",
                },
            ],
            annotations: "o",
            binaryAuthorization: [
                "o1",
                {
                    breakglassJustification: "o",
                    policy: "o",
                    useDefault: "o",
                },
            ],
            client: "o",
            clientVersion: "o",
            labels: "o",
            launchStage: "oc",
            runExecutionToken: "o",
            startExecutionToken: "o",
            tags: "o",
            conditions: [
                "c*",
                {
                    executionReason: "c",
                    lastTransitionTime: "c",
                    message: "c",
                    reason: "c",
                    revisionReason: "c",
                    severity: "c",
                    state: "c",
                    type: "c",
                },
            ],
            createTime: "c",
            creator: "c",
            deleteTime: "c",
            effectiveAnnotations: "c",
            effectiveLabels: "c",
            etag: "c",
            executionCount: "c",
            expireTime: "c",
            generation: "c",
            lastModifier: "c",
            latestCreatedExecutions: [
                "c*",
                {
                    completionTime: "c",
                    createTime: "c",
                    name: "c",
                },
            ],
            observedGeneration: "c",
            reconciling: "c",
            terminalConditions: [
                "c*",
                {
                    executionReason: "c",
                    lastTransitionTime: "c",
                    message: "c",
                    reason: "c",
                    revisionReason: "c",
                    severity: "c",
                    state: "c",
                    type: "c",
                },
            ],
            pulumiLabels: "c",
            uid: "c",
            updateTime: "c",
            deletionProtection: "o=true",
            project: "oc",
            deletionPolicy: "oc",
        },
    },
    // resource_cloud_run_v2_worker_pool.go: CustomizeDiff SetLabelsDiff, SetAnnotationsDiff, DefaultProviderProject, DefaultProviderDeletionPolicy("DELETE")
    "gcp:cloudrunv2/workerPool:WorkerPool": {
        source: "resource_cloud_run_v2_worker_pool.go",
        plan: ["labels", "annotations", "project", "deletionPolicy"],
        fields: {
            location: "r",
            name: "r",
            template: [
                "r1",
                {
                    annotations: "o",
                    client: "o",
                    clientVersion: "o",
                    containers: [
                        "o*",
                        {
                            image: "r",
                            args: "o",
                            commands: "o",
                            dependsOns: "o",
                            envs: [
                                "o*",
                                {
                                    name: "r",
                                    value: 'o=""',
                                    valueSource: [
                                        "o1",
                                        {
                                            secretKeyRef: [
                                                "o1",
                                                {
                                                    secret: "r",
                                                    version: "o",
                                                },
                                            ],
                                        },
                                    ],
                                },
                            ],
                            livenessProbe: [
                                "o1",
                                {
                                    failureThreshold: "o=3",
                                    grpc: [
                                        "o1",
                                        {
                                            port: "o",
                                            service: "o",
                                        },
                                    ],
                                    httpGet: [
                                        "o1",
                                        {
                                            httpHeaders: [
                                                "o1",
                                                {
                                                    name: "r",
                                                    value: "o",
                                                    port: "o",
                                                },
                                            ],
                                            path: "o",
                                            port: "o",
                                        },
                                    ],
                                    initialDelaySeconds: "o=0",
                                    periodSeconds: "o=10",
                                    tcpSocket: [
                                        "o1",
                                        {
                                            port: "o",
                                        },
                                    ],
                                    timeoutSeconds: "o=1",
                                },
                            ],
                            name: "o",
                            resources: [
                                "oc1",
                                {
                                    limits: "oc",
                                },
                            ],
                            startupProbe: [
                                "o1",
                                {
                                    failureThreshold: "o=3",
                                    grpc: [
                                        "o1",
                                        {
                                            port: "o",
                                            service: "o",
                                        },
                                    ],
                                    httpGet: [
                                        "o1",
                                        {
                                            httpHeaders: [
                                                "o1",
                                                {
                                                    name: "r",
                                                    value: "o",
                                                    port: "o",
                                                },
                                            ],
                                            path: "o",
                                            port: "o",
                                        },
                                    ],
                                    initialDelaySeconds: "o=0",
                                    periodSeconds: "o=10",
                                    tcpSocket: [
                                        "o1",
                                        {
                                            port: "o",
                                        },
                                    ],
                                    timeoutSeconds: "o=1",
                                },
                            ],
                            volumeMounts: [
                                "o*",
                                {
                                    mountPath: "r",
                                    name: "r",
                                    subPath: "o",
                                },
                            ],
                            workingDir: "o",
                        },
                    ],
                    encryptionKey: "o",
                    encryptionKeyRevocationAction: "o",
                    encryptionKeyShutdownDuration: "o",
                    gpuZonalRedundancyDisabled: "o",
                    labels: "o",
                    nodeSelector: [
                        "o1",
                        {
                            accelerator: "r",
                        },
                    ],
                    revision: "o",
                    serviceAccount: "oc",
                    volumes: [
                        "o*",
                        {
                            name: "r",
                            cloudSqlInstance: [
                                "o1",
                                {
                                    instances: "o",
                                },
                            ],
                            emptyDir: [
                                "o1",
                                {
                                    medium: 'o="MEMORY"',
                                    sizeLimit: "o",
                                },
                            ],
                            gcs: [
                                "o1",
                                {
                                    bucket: "r",
                                    mountOptions: "o",
                                    readOnly: "o",
                                },
                            ],
                            nfs: [
                                "o1",
                                {
                                    path: "r",
                                    server: "r",
                                    readOnly: "o",
                                },
                            ],
                            secret: [
                                "o1",
                                {
                                    secret: "r",
                                    defaultMode: "o",
                                    items: [
                                        "o*",
                                        {
                                            path: "r",
                                            mode: "o",
                                            version: "o",
                                        },
                                    ],
                                },
                            ],
                        },
                    ],
                    vpcAccess: [
                        "o1",
                        {
                            connector: "o",
                            egress: "oc",
                            networkInterfaces: [
                                "o*",
                                {
                                    network: "oc",
                                    subnetwork: "oc",
                                    tags: "o",
                                },
                            ],
                        },
                    ],
                },
            ],
            annotations: "o",
            binaryAuthorization: [
                "o1",
                {
                    breakglassJustification: "o",
                    policy: "o",
                    useDefault: "o",
                },
            ],
            client: "o",
            clientVersion: "o",
            description: "o",
            instanceSplits: [
                "oc*",
                {
                    percent: "oc",
                    revision: "o",
                    type: "o",
                },
            ],
            labels: "o",
            launchStage: "oc",
            scaling: [
                "oc1",
                {
                    manualInstanceCount: "o",
                    maxInstanceCount: "o",
                    minInstanceCount: "o",
                    scalingMode: "o",
                },
            ],
            conditions: [
                "c*",
                {
                    executionReason: "c",
                    lastTransitionTime: "c",
                    message: "c",
                    reason: "c",
                    revisionReason: "c",
                    severity: "c",
                    state: "c",
                    type: "c",
                },
            ],
            createTime: "c",
            creator: "c",
            deleteTime: "c",
            effectiveAnnotations: "c",
            effectiveLabels: "c",
            etag: "c",
            expireTime: "c",
            generation: "c",
            instanceSplitStatuses: [
                "c*",
                {
                    percent: "c",
                    revision: "c",
                    type: "c",
                },
            ],
            lastModifier: "c",
            latestCreatedRevision: "c",
            latestReadyRevision: "c",
            observedGeneration: "c",
            reconciling: "c",
            terminalConditions: [
                "c*",
                {
                    executionReason: "c",
                    lastTransitionTime: "c",
                    message: "c",
                    reason: "c",
                    revisionReason: "c",
                    severity: "c",
                    state: "c",
                    type: "c",
                },
            ],
            pulumiLabels: "c",
            uid: "c",
            updateTime: "c",
            deletionProtection: "o=true",
            project: "oc",
            deletionPolicy: "oc",
            customAudiences: "o",
        },
    },
    // resource_cloud_run_service.go: CustomizeDiff revisionNameCustomizeDiff, SetMetadataLabelsDiff, SetMetadataAnnotationsDiff, DefaultProviderProject, DefaultProviderDeletionPolicy("DELETE")
    "gcp:cloudrun/service:Service": {
        source: "resource_cloud_run_service.go",
        plan: ["metadataLabels", "metadataAnnotations", "project", "deletionPolicy"],
        fields: {
            location: "r",
            name: "r",
            template: [
                "o1",
                {
                    spec: [
                        "oc1",
                        {
                            containers: [
                                "oc*",
                                {
                                    image: "r",
                                    args: "o",
                                    commands: "o",
                                    envs: [
                                        "o*",
                                        {
                                            name: "o",
                                            value: 'o=""',
                                            valueFrom: [
                                                "o1",
                                                {
                                                    secretKeyRef: [
                                                        "r1",
                                                        {
                                                            key: "r",
                                                            name: "r",
                                                        },
                                                    ],
                                                },
                                            ],
                                        },
                                    ],
                                    envFroms: [
                                        "o*",
                                        {
                                            configMapRef: [
                                                "o1",
                                                {
                                                    localObjectReference: [
                                                        "o1",
                                                        {
                                                            name: "r",
                                                        },
                                                    ],
                                                    optional: "o",
                                                },
                                            ],
                                            prefix: "o",
                                            secretRef: [
                                                "o1",
                                                {
                                                    localObjectReference: [
                                                        "o1",
                                                        {
                                                            name: "r",
                                                        },
                                                    ],
                                                    optional: "o",
                                                },
                                            ],
                                        },
                                    ],
                                    livenessProbe: [
                                        "o1",
                                        {
                                            failureThreshold: "o=3",
                                            grpc: [
                                                "o1",
                                                {
                                                    port: "oc",
                                                    service: "o",
                                                },
                                            ],
                                            httpGet: [
                                                "o1",
                                                {
                                                    httpHeaders: [
                                                        "o*",
                                                        {
                                                            name: "r",
                                                            value: 'o=""',
                                                        },
                                                    ],
                                                    path: 'o="/"',
                                                    port: "oc",
                                                },
                                            ],
                                            initialDelaySeconds: "o=0",
                                            periodSeconds: "o=10",
                                            timeoutSeconds: "o=1",
                                        },
                                    ],
                                    name: "oc",
                                    ports: [
                                        "oc*",
                                        {
                                            containerPort: "o",
                                            name: "oc",
                                            protocol: "o",
                                        },
                                    ],
                                    readinessProbe: [
                                        "o1",
                                        {
                                            failureThreshold: "oc",
                                            grpc: [
                                                "o1",
                                                {
                                                    port: "oc",
                                                    service: "o",
                                                },
                                            ],
                                            httpGet: [
                                                "o1",
                                                {
                                                    path: "oc",
                                                    port: "oc",
                                                },
                                            ],
                                            periodSeconds: "oc",
                                            successThreshold: "oc",
                                            timeoutSeconds: "oc",
                                        },
                                    ],
                                    resources: [
                                        "oc1",
                                        {
                                            limits: "oc",
                                            requests: "o",
                                        },
                                    ],
                                    sandboxLauncher: "o",
                                    startupProbe: [
                                        "oc1",
                                        {
                                            failureThreshold: "o=3",
                                            grpc: [
                                                "o1",
                                                {
                                                    port: "oc",
                                                    service: "o",
                                                },
                                            ],
                                            httpGet: [
                                                "o1",
                                                {
                                                    httpHeaders: [
                                                        "o*",
                                                        {
                                                            name: "r",
                                                            value: 'o=""',
                                                        },
                                                    ],
                                                    path: 'o="/"',
                                                    port: "oc",
                                                },
                                            ],
                                            initialDelaySeconds: "o=0",
                                            periodSeconds: "o=10",
                                            tcpSocket: [
                                                "o1",
                                                {
                                                    port: "oc",
                                                },
                                            ],
                                            timeoutSeconds: "o=1",
                                        },
                                    ],
                                    volumeMounts: [
                                        "o*",
                                        {
                                            mountPath: "r",
                                            name: "r",
                                            subPath: "o",
                                        },
                                    ],
                                    workingDir: "o",
                                },
                            ],
                            containerConcurrency: "oc",
                            nodeSelector: "o",
                            serviceAccountName: "oc",
                            timeoutSeconds: "oc",
                            volumes: [
                                "o*",
                                {
                                    name: "r",
                                    csi: [
                                        "o1",
                                        {
                                            driver: "r",
                                            readOnly: "oc",
                                            volumeAttributes: "o",
                                        },
                                    ],
                                    emptyDir: [
                                        "o1",
                                        {
                                            medium: "o",
                                            sizeLimit: "o",
                                        },
                                    ],
                                    nfs: [
                                        "o1",
                                        {
                                            path: "r",
                                            server: "r",
                                            readOnly: "o",
                                        },
                                    ],
                                    secret: [
                                        "o1",
                                        {
                                            secretName: "r",
                                            defaultMode: "o",
                                            items: [
                                                "o*",
                                                {
                                                    key: "r",
                                                    path: "r",
                                                    mode: "o",
                                                },
                                            ],
                                        },
                                    ],
                                },
                            ],
                            servingState: "c",
                        },
                    ],
                    metadata: [
                        "oc1",
                        {
                            annotations: "oc",
                            labels: "oc",
                            name: "oc",
                            namespace: "oc",
                            generation: "c",
                            resourceVersion: "c",
                            selfLink: "c",
                            uid: "c",
                        },
                    ],
                },
            ],
            traffics: [
                "oc*",
                {
                    percent: "r",
                    latestRevision: "o",
                    revisionName: "o",
                    tag: "o",
                    url: "c",
                },
            ],
            metadata: [
                "oc1",
                {
                    annotations: "o",
                    labels: "o",
                    namespace: "oc",
                    effectiveAnnotations: "c",
                    effectiveLabels: "c",
                    generation: "c",
                    resourceVersion: "c",
                    selfLink: "c",
                    pulumiLabels: "c",
                    uid: "c",
                },
            ],
            statuses: [
                "c*",
                {
                    conditions: [
                        "c*",
                        {
                            message: "c",
                            reason: "c",
                            status: "c",
                            type: "c",
                        },
                    ],
                    latestCreatedRevisionName: "c",
                    latestReadyRevisionName: "c",
                    observedGeneration: "c",
                    traffics: [
                        "c*",
                        {
                            latestRevision: "c",
                            percent: "c",
                            revisionName: "c",
                            tag: "c",
                            url: "c",
                        },
                    ],
                    url: "c",
                },
            ],
            autogenerateRevisionName: "o=false",
            project: "oc",
            deletionPolicy: "oc",
        },
    },
    // resource_cloudfunctions2_function.go: CustomizeDiff SetLabelsDiff, DefaultProviderProject, DefaultProviderDeletionPolicy("DELETE")
    "gcp:cloudfunctionsv2/function:Function": {
        source: "resource_cloudfunctions2_function.go",
        plan: ["labels", "project", "deletionPolicy"],
        fields: {
            location: "r",
            name: "r",
            buildConfig: [
                "o1",
                {
                    automaticUpdatePolicy: "oc",
                    dockerRepository: "oc",
                    entryPoint: "o",
                    environmentVariables: "oc",
                    onDeployUpdatePolicy: [
                        "o1",
                        {
                            runtimeVersion: "c",
                        },
                    ],
                    runtime: "o",
                    serviceAccount: "oc",
                    source: [
                        "o1",
                        {
                            repoSource: [
                                "o1",
                                {
                                    branchName: "o",
                                    commitSha: "o",
                                    dir: "o",
                                    invertRegex: "o",
                                    projectId: "o",
                                    repoName: "o",
                                    tagName: "o",
                                },
                            ],
                            storageSource: [
                                "o1",
                                {
                                    bucket: "o",
                                    generation: "oc",
                                    object: "o",
                                },
                            ],
                        },
                    ],
                    workerPool: "o",
                    build: "c",
                },
            ],
            description: "o",
            eventTrigger: [
                "o1",
                {
                    eventType: "r",
                    eventFilters: [
                        "o*",
                        {
                            attribute: "r",
                            value: "r",
                            operator: "o",
                        },
                    ],
                    pubsubTopic: "oc",
                    retryPolicy: "o",
                    serviceAccountEmail: "oc",
                    triggerRegion: "oc",
                    trigger: "c",
                },
            ],
            kmsKeyName: "o",
            labels: "o",
            serviceConfig: [
                "o1",
                {
                    allTrafficOnLatestRevision: "o=true",
                    availableCpu: "oc",
                    availableMemory: "oc",
                    binaryAuthorizationPolicy: "o",
                    directVpcEgress: "oc",
                    directVpcNetworkInterfaces: [
                        "o*",
                        {
                            network: "o",
                            subnetwork: "o",
                            tags: "o",
                        },
                    ],
                    environmentVariables: "oc",
                    ingressSettings: 'o="ALLOW_ALL"',
                    maxInstanceCount: "oc",
                    maxInstanceRequestConcurrency: "oc",
                    minInstanceCount: "o",
                    secretEnvironmentVariables: [
                        "o*",
                        {
                            key: "r",
                            projectId: "r",
                            secret: "r",
                            version: "r",
                        },
                    ],
                    secretVolumes: [
                        "o*",
                        {
                            mountPath: "r",
                            projectId: "r",
                            secret: "r",
                            versions: [
                                "oc*",
                                {
                                    path: "r",
                                    version: "r",
                                },
                            ],
                        },
                    ],
                    serviceAccountEmail: "oc",
                    timeoutSeconds: "oc",
                    vpcConnector: "o",
                    vpcConnectorEgressSettings: "o",
                    gcfUri: "c",
                    service: "c",
                    uri: "c",
                },
            ],
            effectiveLabels: "c",
            environment: "c",
            state: "c",
            pulumiLabels: "c",
            updateTime: "c",
            url: "c",
            project: "oc",
            deletionPolicy: "oc",
        },
    },
    // resource_cloudfunctions_function.go: CustomizeDiff DefaultProviderDeletionPolicy("DELETE"), DefaultProviderProject, DefaultProviderRegion, SetLabelsDiff
    "gcp:cloudfunctions/function:Function": {
        source: "resource_cloudfunctions_function.go",
        plan: ["deletionPolicy", "project", "region", "labels"],
        fields: {
            name: "r",
            buildWorkerPool: "o",
            sourceArchiveBucket: "o",
            sourceArchiveObject: "o",
            sourceRepository: [
                "o1",
                {
                    url: "r",
                    deployedUrl: "c",
                },
            ],
            dockerRegistry: "oc",
            dockerRepository: "o",
            kmsKeyName: "o",
            description: "o",
            availableMemoryMb: "o=256",
            timeout: "o=60",
            entryPoint: "o",
            ingressSettings: 'o="ALLOW_ALL"',
            vpcConnectorEgressSettings: "oc",
            labels: "o",
            pulumiLabels: "c",
            effectiveLabels: "c",
            runtime: "r",
            serviceAccountEmail: "oc",
            buildServiceAccount: "oc",
            vpcConnector: "o",
            environmentVariables: "o",
            buildEnvironmentVariables: "o",
            triggerHttp: "o",
            eventTrigger: [
                "oc1",
                {
                    eventType: "r",
                    resource: "r",
                    failurePolicy: [
                        "oc1",
                        {
                            retry: "r",
                        },
                    ],
                },
            ],
            httpsTriggerUrl: "oc",
            httpsTriggerSecurityLevel: "oc",
            maxInstances: "oc",
            minInstances: "o",
            project: "oc",
            region: "oc",
            secretEnvironmentVariables: [
                "o*",
                {
                    key: "r",
                    projectId: "oc",
                    secret: "r",
                    version: "r",
                },
            ],
            secretVolumes: [
                "o*",
                {
                    mountPath: "r",
                    projectId: "oc",
                    secret: "r",
                    versions: [
                        "o*",
                        {
                            path: "r",
                            version: "r",
                        },
                    ],
                },
            ],
            automaticUpdatePolicy: "oc",
            onDeployUpdatePolicy: [
                "o1",
                {
                    runtimeVersion: "c",
                },
            ],
            status: "c",
            versionId: "c",
            deletionPolicy: "oc",
        },
    },
    // resource_binary_authorization_policy.go: CustomizeDiff DefaultProviderProject, DefaultProviderDeletionPolicy("DELETE")
    "gcp:binaryauthorization/policy:Policy": {
        source: "resource_binary_authorization_policy.go",
        plan: ["project", "deletionPolicy"],
        fields: {
            defaultAdmissionRule: [
                "r1",
                {
                    enforcementMode: "r",
                    evaluationMode: "r",
                    requireAttestationsBies: "o",
                },
            ],
            admissionWhitelistPatterns: [
                "o*",
                {
                    namePattern: "r",
                },
            ],
            clusterAdmissionRules: [
                "o*",
                {
                    cluster: "r",
                    enforcementMode: "r",
                    evaluationMode: "r",
                    requireAttestationsBies: "o",
                },
            ],
            description: "o",
            globalPolicyEvaluationMode: "oc",
            project: "oc",
            deletionPolicy: "oc",
        },
    },
    // resource_org_policy_policy.go: CustomizeDiff (none)
    "gcp:orgpolicy/policy:Policy": {
        source: "resource_org_policy_policy.go",
        plan: [],
        fields: {
            name: "r",
            parent: "r",
            dryRunSpec: [
                "o1",
                {
                    inheritFromParent: "o",
                    reset: "o",
                    rules: [
                        "o*",
                        {
                            allowAll: "o",
                            condition: [
                                "o1",
                                {
                                    description: "o",
                                    expression: "o",
                                    location: "o",
                                    title: "o",
                                },
                            ],
                            denyAll: "o",
                            enforce: "o",
                            parameters: "o",
                            values: [
                                "o1",
                                {
                                    allowedValues: "o",
                                    deniedValues: "o",
                                },
                            ],
                        },
                    ],
                    etag: "c",
                    updateTime: "c",
                },
            ],
            spec: [
                "o1",
                {
                    inheritFromParent: "o",
                    reset: "o",
                    rules: [
                        "o*",
                        {
                            allowAll: "o",
                            condition: [
                                "o1",
                                {
                                    description: "o",
                                    expression: "o",
                                    location: "o",
                                    title: "o",
                                },
                            ],
                            denyAll: "o",
                            enforce: "o",
                            parameters: "o",
                            values: [
                                "o1",
                                {
                                    allowedValues: "o",
                                    deniedValues: "o",
                                },
                            ],
                        },
                    ],
                    etag: "c",
                    updateTime: "c",
                },
            ],
            etag: "c",
            deletionPolicy: "oc",
        },
    },
    // resource_org_policy_custom_constraint.go: CustomizeDiff (none)
    "gcp:orgpolicy/customConstraint:CustomConstraint": {
        source: "resource_org_policy_custom_constraint.go",
        plan: [],
        fields: {
            actionType: "r",
            condition: "r",
            methodTypes: "r",
            name: "r",
            parent: "r",
            resourceTypes: "r",
            description: "o",
            displayName: "o",
            updateTime: "c",
            deletionPolicy: "oc",
        },
    },
    // resource_google_organization_policy.go: CustomizeDiff DefaultProviderDeletionPolicy("DELETE")
    "gcp:organizations/policy:Policy": {
        source: "resource_google_organization_policy.go",
        plan: ["deletionPolicy"],
        fields: {
            constraint: "r",
            booleanPolicy: [
                "o1",
                {
                    enforced: "r",
                },
            ],
            listPolicy: [
                "o1",
                {
                    allow: [
                        "o1",
                        {
                            all: "o=false",
                            values: "o",
                        },
                    ],
                    deny: [
                        "o1",
                        {
                            all: "o=false",
                            values: "o",
                        },
                    ],
                    suggestedValue: "oc",
                    inheritFromParent: "o",
                },
            ],
            version: "oc",
            etag: "c",
            updateTime: "c",
            restorePolicy: [
                "o1",
                {
                    default: "r",
                },
            ],
            orgId: "r",
            deletionPolicy: "oc",
        },
    },
    // resource_google_folder_organization_policy.go: CustomizeDiff DefaultProviderDeletionPolicy("DELETE")
    "gcp:folder/organizationPolicy:OrganizationPolicy": {
        source: "resource_google_folder_organization_policy.go",
        plan: ["deletionPolicy"],
        fields: {
            constraint: "r",
            booleanPolicy: [
                "o1",
                {
                    enforced: "r",
                },
            ],
            listPolicy: [
                "o1",
                {
                    allow: [
                        "o1",
                        {
                            all: "o=false",
                            values: "o",
                        },
                    ],
                    deny: [
                        "o1",
                        {
                            all: "o=false",
                            values: "o",
                        },
                    ],
                    suggestedValue: "oc",
                    inheritFromParent: "o",
                },
            ],
            version: "oc",
            etag: "c",
            updateTime: "c",
            restorePolicy: [
                "o1",
                {
                    default: "r",
                },
            ],
            folder: "r",
            deletionPolicy: "oc",
        },
    },
    // resource_google_project_organization_policy.go: CustomizeDiff DefaultProviderDeletionPolicy("DELETE")
    "gcp:projects/organizationPolicy:OrganizationPolicy": {
        source: "resource_google_project_organization_policy.go",
        plan: ["deletionPolicy"],
        fields: {
            constraint: "r",
            booleanPolicy: [
                "o1",
                {
                    enforced: "r",
                },
            ],
            listPolicy: [
                "o1",
                {
                    allow: [
                        "o1",
                        {
                            all: "o=false",
                            values: "o",
                        },
                    ],
                    deny: [
                        "o1",
                        {
                            all: "o=false",
                            values: "o",
                        },
                    ],
                    suggestedValue: "oc",
                    inheritFromParent: "o",
                },
            ],
            version: "oc",
            etag: "c",
            updateTime: "c",
            restorePolicy: [
                "o1",
                {
                    default: "r",
                },
            ],
            project: "r",
            deletionPolicy: "oc",
        },
    },
    // resource_firebase_app_hosting_backend.go: CustomizeDiff SetAnnotationsDiff, SetLabelsDiff, DefaultProviderProject, DefaultProviderDeletionPolicy("DELETE")
    "gcp:firebase/appHostingBackend:AppHostingBackend": {
        source: "resource_firebase_app_hosting_backend.go",
        plan: ["annotations", "labels", "project", "deletionPolicy"],
        fields: {
            appId: "r",
            backendId: "r",
            location: "r",
            serviceAccount: "r",
            servingLocality: "r",
            annotations: "o",
            codebase: [
                "o1",
                {
                    repository: "r",
                    rootDirectory: "o",
                },
            ],
            displayName: "o",
            environment: "o",
            labels: "o",
            createTime: "c",
            deleteTime: "c",
            effectiveAnnotations: "c",
            effectiveLabels: "c",
            etag: "c",
            managedResources: [
                "c*",
                {
                    runServices: [
                        "c*",
                        {
                            service: "c",
                        },
                    ],
                },
            ],
            name: "c",
            pulumiLabels: "c",
            uid: "c",
            updateTime: "c",
            uri: "c",
            project: "oc",
            deletionPolicy: "oc",
        },
    },
    // resource_firebase_app_hosting_build.go: CustomizeDiff SetAnnotationsDiff, SetLabelsDiff, DefaultProviderProject
    "gcp:firebase/appHostingBuild:AppHostingBuild": {
        source: "resource_firebase_app_hosting_build.go",
        plan: ["annotations", "labels", "project"],
        fields: {
            backend: "r",
            buildId: "r",
            location: "r",
            source: [
                "r1",
                {
                    codebase: [
                        "o1",
                        {
                            branch: "o",
                            commit: "o",
                            authors: [
                                "c*",
                                {
                                    displayName: "c",
                                    email: "c",
                                    imageUri: "c",
                                },
                            ],
                            commitMessage: "c",
                            commitTime: "c",
                            displayName: "c",
                            hash: "c",
                            uri: "c",
                        },
                    ],
                    container: [
                        "o1",
                        {
                            image: "r",
                        },
                    ],
                },
            ],
            annotations: "o",
            displayName: "o",
            labels: "o",
            buildLogsUri: "c",
            createTime: "c",
            effectiveAnnotations: "c",
            effectiveLabels: "c",
            environment: "c",
            errors: [
                "c*",
                {
                    code: "c",
                    details: "c",
                    message: "c",
                },
            ],
            errorSource: "c",
            etag: "c",
            image: "c",
            name: "c",
            state: "c",
            pulumiLabels: "c",
            uid: "c",
            updateTime: "c",
            project: "oc",
        },
    },
    // resource_clouddeploy_target.go: CustomizeDiff DefaultProviderProject, SetLabelsDiff, SetAnnotationsDiff, DefaultProviderDeletionPolicy("DELETE")
    "gcp:clouddeploy/target:Target": {
        source: "resource_clouddeploy_target.go",
        plan: ["project", "labels", "annotations", "deletionPolicy"],
        fields: {
            location: "r",
            name: "r",
            anthosCluster: [
                "o1",
                {
                    membership: "o",
                },
            ],
            associatedEntities: [
                "o*",
                {
                    entityId: "r",
                    anthosClusters: [
                        "o*",
                        {
                            membership: "o",
                        },
                    ],
                    gkeClusters: [
                        "o*",
                        {
                            cluster: "o",
                            internalIp: "o",
                            proxyUrl: "o",
                        },
                    ],
                },
            ],
            customTarget: [
                "o1",
                {
                    customTargetType: "r",
                },
            ],
            deployParameters: "o",
            description: "o",
            effectiveAnnotations: "c",
            effectiveLabels: "c",
            executionConfigs: [
                "oc*",
                {
                    usages: "r",
                    artifactStorage: "oc",
                    executionTimeout: "oc",
                    serviceAccount: "oc",
                    verbose: "o",
                    workerPool: "o",
                    defaultPool: [
                        "oc1",
                        {
                            serviceAccount: "oc",
                            artifactStorage: "oc",
                        },
                    ],
                    privatePool: [
                        "oc1",
                        {
                            workerPool: "r",
                            serviceAccount: "oc",
                            artifactStorage: "oc",
                        },
                    ],
                },
            ],
            gke: [
                "o1",
                {
                    cluster: "o",
                    dnsEndpoint: "o",
                    internalIp: "o",
                    proxyUrl: "o",
                },
            ],
            multiTarget: [
                "o1",
                {
                    targetIds: "r",
                },
            ],
            project: "oc",
            requireApproval: "o",
            run: [
                "o1",
                {
                    location: "r",
                },
            ],
            annotations: "o",
            createTime: "c",
            etag: "c",
            labels: "o",
            targetId: "c",
            pulumiLabels: "c",
            uid: "c",
            updateTime: "c",
            deletionPolicy: "oc",
        },
    },
    // iam_cloud_run_v2_service.go + tpgiamresource/resource_iam_member.go: CustomizeDiff (none)
    "gcp:cloudrunv2/serviceIamMember:ServiceIamMember": {
        source: "iam_cloud_run_v2_service.go + tpgiamresource/resource_iam_member.go",
        plan: [],
        fields: {
            project: "oc",
            location: "oc",
            name: "r",
            role: "r",
            member: "r",
            condition: [
                "o1",
                {
                    expression: "r",
                    title: "r",
                    description: "o",
                },
            ],
            etag: "c",
        },
    },
};
