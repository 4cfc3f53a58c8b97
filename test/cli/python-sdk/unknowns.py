"""What the Python SDK makes of the generic stand-in's preview answers.

The SDK runs under its mock monitor in preview mode, and every resource the mock registers is
of docker and docker-build is answered by the real generic stand-in (argv: the pulumi-resource-docker
and pulumi-resource-docker-build launchers check writes): its Check,
then its Create(preview=true). Nothing is made up here: the outputs the SDK resolves are what the
stand-in returned. Prints one JSON object: whether each output is known, and the inputs the Cloud Run
services were registered with (an unknown is the string "<unknown>").
"""
import asyncio
import json
import subprocess
import sys

import grpc
import pulumi
from google.protobuf import json_format, struct_pb2
from pulumi.runtime import Mocks, set_mocks
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"  # the wire sentinel of an unknown value


def start(launcher):
    child = subprocess.Popen([launcher, "127.0.0.1:1"], stdout=subprocess.PIPE, text=True)
    port = int(child.stdout.readline())
    return child, provider_pb2_grpc.ResourceProviderStub(grpc.insecure_channel(f"127.0.0.1:{port}"))


def to_wire(value):
    if isinstance(value, dict):
        return {k: to_wire(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_wire(v) for v in value]
    if type(value).__name__ == "Unknown":
        return UNKNOWN
    return value


def shown(value):
    if isinstance(value, dict):
        return {k: shown(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shown(v) for v in value]
    return "<unknown>" if type(value).__name__ == "Unknown" else value


plugins = {pkg: start(launcher) for pkg, launcher in zip(("docker", "docker-build"), sys.argv[1:3])}
registered = {}


class StandinMocks(Mocks):
    def new_resource(self, args):
        registered[args.name] = shown(args.inputs)
        pkg = args.typ.split(":")[0]
        if pkg not in plugins:
            return None, args.inputs  # the Cloud Run services: only their inputs matter here
        provider = plugins[pkg][1]
        news = struct_pb2.Struct()
        news.update(to_wire(args.inputs))
        urn = f"urn:pulumi:dev::p::{args.typ}::{args.name}"
        checked = provider.Check(provider_pb2.CheckRequest(urn=urn, type=args.typ, name=args.name, news=news))
        created = provider.Create(
            provider_pb2.CreateRequest(urn=urn, type=args.typ, name=args.name, properties=checked.inputs, preview=True)
        )
        return None, json_format.MessageToDict(created.properties)

    def call(self, args):
        return {}


set_mocks(StandinMocks(), preview=True)

import pulumi_docker as docker  # noqa: E402  (after set_mocks, as Pulumi's mock tests import programs)
import pulumi_docker_build as docker_build  # noqa: E402

image = docker.Image(
    "api-image",
    image_name="us-central1-docker.pkg.dev/acme/apps/api:v3",
    build=docker.DockerBuildArgs(context="./app", platform="linux/amd64"),
)
built = docker_build.Image("web-image", tags=["us-central1-docker.pkg.dev/acme/apps/web:v1"], push=True)
for name, image_ref in [("on-digest", image.repo_digest), ("on-name", image.image_name), ("on-ref", built.ref)]:
    pulumi.CustomResource(
        "gcp:cloudrunv2/service:Service",
        name,
        {"location": "us-central1", "template": {"containers": [{"image": image_ref}]}},
    )


async def report():
    await asyncio.sleep(1)  # the registrations above run on the loop
    known = {
        "repoDigest": await image.repo_digest.is_known(),
        "imageName": await image.image_name.is_known(),
        "ref": await built.ref.is_known(),
        "digest": await built.digest.is_known(),
    }
    images = {n: registered[n]["template"]["containers"][0]["image"] for n in ("on-digest", "on-name", "on-ref")}
    print(json.dumps({"known": known, "images": images}))


try:
    asyncio.get_event_loop().run_until_complete(report())
finally:
    for child, _ in plugins.values():
        child.terminate()
