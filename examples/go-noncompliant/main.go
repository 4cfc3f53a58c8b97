// The Go twin of examples/noncompliant: each mandatory policy of the pack fails exactly once.
package main

import (
	"fmt"

	"github.com/pulumi/pulumi-gcp/sdk/v9/go/gcp/binaryauthorization"
	"github.com/pulumi/pulumi-gcp/sdk/v9/go/gcp/cloudfunctionsv2"
	"github.com/pulumi/pulumi-gcp/sdk/v9/go/gcp/cloudrunv2"
	"github.com/pulumi/pulumi-gcp/sdk/v9/go/gcp/storage"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const (
	project = "acme-prod"
	region  = "us-central1"
)

// image is an Artifact Registry image of the project in the region.
func image(repository, name string) pulumi.String {
	return pulumi.String(fmt.Sprintf("%s-docker.pkg.dev/%s/%s/%s", region, project, repository, name))
}

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		// binauthz-allowlist-scoped: "gcr.io/**" lets every image of the registry through.
		// binauthz-source-deploy-allowlist: nothing exempts gcf-artifacts, where the function builds.
		policy, err := binaryauthorization.NewPolicy(ctx, "binauthz", &binaryauthorization.PolicyArgs{
			Project: pulumi.String(project),
			AdmissionWhitelistPatterns: binaryauthorization.PolicyAdmissionWhitelistPatternArray{
				&binaryauthorization.PolicyAdmissionWhitelistPatternArgs{NamePattern: pulumi.String("gcr.io/**")},
			},
			DefaultAdmissionRule: &binaryauthorization.PolicyDefaultAdmissionRuleArgs{
				EvaluationMode:  pulumi.String("ALWAYS_DENY"),
				EnforcementMode: pulumi.String("ENFORCED_BLOCK_AND_AUDIT_LOG"),
			},
		})
		if err != nil {
			return err
		}

		// cloud-run-binauthz-required: the service sets no BinaryAuthorization at all.
		api, err := cloudrunv2.NewService(ctx, "api", &cloudrunv2.ServiceArgs{
			Location: pulumi.String(region),
			Template: &cloudrunv2.ServiceTemplateArgs{
				Containers: cloudrunv2.ServiceTemplateContainerArray{
					&cloudrunv2.ServiceTemplateContainerArgs{Image: image("apps", "api:v1")},
				},
			},
		})
		if err != nil {
			return err
		}

		// cloud-run-breakglass-justified: "n/a" explains nothing.
		batch, err := cloudrunv2.NewJob(ctx, "batch", &cloudrunv2.JobArgs{
			Location: pulumi.String(region),
			BinaryAuthorization: &cloudrunv2.JobBinaryAuthorizationArgs{
				UseDefault:              pulumi.Bool(true),
				BreakglassJustification: pulumi.String("n/a"),
			},
			Template: &cloudrunv2.JobTemplateArgs{
				Template: &cloudrunv2.JobTemplateTemplateArgs{
					Containers: cloudrunv2.JobTemplateTemplateContainerArray{
						&cloudrunv2.JobTemplateTemplateContainerArgs{Image: image("apps", "batch:v1")},
					},
				},
			},
		})
		if err != nil {
			return err
		}

		source, err := storage.NewBucket(ctx, "source", &storage.BucketArgs{
			Location:                 pulumi.String("US"),
			UniformBucketLevelAccess: pulumi.Bool(true),
		})
		if err != nil {
			return err
		}

		fn, err := cloudfunctionsv2.NewFunction(ctx, "resize", &cloudfunctionsv2.FunctionArgs{
			Location: pulumi.String(region),
			BuildConfig: &cloudfunctionsv2.FunctionBuildConfigArgs{
				Runtime:    pulumi.String("nodejs22"),
				EntryPoint: pulumi.String("resize"),
				Source: &cloudfunctionsv2.FunctionBuildConfigSourceArgs{
					StorageSource: &cloudfunctionsv2.FunctionBuildConfigSourceStorageSourceArgs{
						Bucket: source.Name,
						Object: pulumi.String("resize.zip"),
					},
				},
			},
			ServiceConfig: &cloudfunctionsv2.FunctionServiceConfigArgs{
				BinaryAuthorizationPolicy: pulumi.String("default"),
			},
		})
		if err != nil {
			return err
		}

		ctx.Export("policy", policy)
		ctx.Export("api", api)
		ctx.Export("batch", batch)
		ctx.Export("fn", fn)
		return nil
	})
}
