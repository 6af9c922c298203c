#!/usr/bin/env python3
"""Checks a pipeline Slipway deployed, with boto3, the way a user would look at it in their account.

Starts from the pipeline alone and follows what it names: its artifact bucket, its role, the CodeBuild projects
of its build actions, their roles and build images. Prints one line per check and exits 1 if any failed.

    check_deployment.py --pipeline todobackend [--endpoint http://127.0.0.1:4566] [--region us-east-1]
"""
import argparse
import json
import sys
import urllib.parse

import boto3
import yaml

FAILURES = []
CHECKED_ROLES = set()


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        FAILURES.append(what)
    return ok


def document(text):
    """IAM returns policy documents URL-encoded (boto3 decodes them); ECR returns plain JSON text."""
    if isinstance(text, dict):
        return text
    text = text.strip()
    return json.loads(text if text.startswith("{") else urllib.parse.unquote(text))


def as_list(value):
    return value if isinstance(value, list) else [value]


def check_role(iam, arn, service):
    name = arn.split("/")[-1]
    if name in CHECKED_ROLES:
        return name
    CHECKED_ROLES.add(name)
    role = iam.get_role(RoleName=name)["Role"]
    trust = document(role["AssumeRolePolicyDocument"])
    principals = [p for s in trust["Statement"] for p in as_list(s.get("Principal", {}).get("Service", []))]
    check(principals == [service], f"role {name} can be assumed by {service} only (got {principals})")
    names = iam.list_role_policies(RoleName=name)["PolicyNames"]
    attached = iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]
    check(len(names) >= 1 and not attached, f"role {name} has its own inline policy and no managed policy ({names}, {attached})")
    for policy_name in names:
        policy = document(iam.get_role_policy(RoleName=name, PolicyName=policy_name)["PolicyDocument"])
        for statement in policy["Statement"]:
            actions = as_list(statement["Action"])
            resources = as_list(statement.get("Resource", []))
            sid = statement.get("Sid", "?")
            check(all(a != "*" and not a.endswith(":*") for a in actions), f"role {name} › {sid}: actions are listed one by one {actions}")
            unscoped = [r for r in resources if r == "*"]
            check(not unscoped or actions == ["ecr:GetAuthorizationToken"],
                  f"role {name} › {sid}: resources are scoped (only ecr:GetAuthorizationToken may use '*') {resources}")
    return name


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pipeline", required=True)
    parser.add_argument("--endpoint")
    parser.add_argument("--region", default="us-east-1")
    args = parser.parse_args()
    session = boto3.session.Session(region_name=args.region)
    client = lambda service: session.client(service, endpoint_url=args.endpoint)
    codepipeline, codebuild, s3, iam, ecr = (client(s) for s in ("codepipeline", "codebuild", "s3", "iam", "ecr"))
    account = client("sts").get_caller_identity()["Account"]

    declaration = codepipeline.get_pipeline(name=args.pipeline)["pipeline"]
    check(declaration.get("pipelineType") == "V2", f"pipeline {args.pipeline} is a V2 pipeline")
    stages = declaration["stages"]
    check(len(stages) >= 2, f"pipeline has at least two stages ({[s['name'] for s in stages]})")
    check(all(a["actionTypeId"]["category"] == "Source" for a in stages[0]["actions"]), "the first stage holds only source actions")
    check(all(a["actionTypeId"]["category"] != "Source" for s in stages[1:] for a in s["actions"]), "no source action after the first stage")
    produced = set()
    for stage in stages:
        for action in stage["actions"]:
            for artifact in action.get("inputArtifacts", []):
                check(artifact["name"] in produced, f"{stage['name']} › {action['name']} reads {artifact['name']}, made earlier")
        for action in stage["actions"]:
            produced.update(a["name"] for a in action.get("outputArtifacts", []))
        for action in stage["actions"]:
            if action["actionTypeId"]["provider"] == "CodeStarSourceConnection":
                config = action["configuration"]
                check(config.get("ConnectionArn", "").startswith("arn:aws:codestar-connections:") and "/" in config.get("FullRepositoryId", "")
                      and config.get("BranchName"), f"{stage['name']} › {action['name']} reads {config.get('FullRepositoryId')} "
                                                    f"({config.get('BranchName')}) through a connection")

    bucket = declaration["artifactStore"]["location"]
    check(declaration["artifactStore"]["type"] == "S3", f"artifacts are kept in S3 bucket {bucket}")
    check(s3.get_bucket_versioning(Bucket=bucket).get("Status") == "Enabled", f"bucket {bucket} is versioned")
    block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    check(all(block.get(k) for k in ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")),
          f"bucket {bucket} blocks all public access")
    rules = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    check(any(r["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] in ("AES256", "aws:kms") for r in rules), f"bucket {bucket} is encrypted")

    check_role(iam, declaration["roleArn"], "codepipeline.amazonaws.com")

    projects = [a["configuration"]["ProjectName"] for s in stages for a in s["actions"] if a["actionTypeId"]["provider"] == "CodeBuild"]
    found = codebuild.batch_get_projects(names=projects)["projects"]
    check(sorted(p["name"] for p in found) == sorted(set(projects)), f"every CodeBuild action has its project {projects}")
    for project in found:
        name = project["name"]
        check(project["source"]["type"] == "CODEPIPELINE" and project["artifacts"]["type"] == "CODEPIPELINE",
              f"project {name} takes its source from the pipeline and gives its artifacts back")
        spec = yaml.safe_load(project["source"].get("buildspec", "")) if "\n" in project["source"].get("buildspec", "") else None
        check(spec is None or (str(spec.get("version")) == "0.2" and spec.get("phases")),
              f"project {name} has a version 0.2 buildspec with phases {list((spec or {}).get('phases', {}))}")
        environment = project["environment"]
        check(environment["type"] == "LINUX_CONTAINER" and environment["image"], f"project {name} builds in {environment['image']}")
        check(5 <= project["timeoutInMinutes"] <= 2160, f"project {name} times out after {project['timeoutInMinutes']} minutes")
        types = {v["name"]: v.get("type", "PLAINTEXT") for v in environment.get("environmentVariables", [])}
        check(set(types.values()) <= {"PLAINTEXT", "PARAMETER_STORE", "SECRETS_MANAGER"}, f"project {name} variables {types}")
        check(not any(k in ("PASSWORD", "TOKEN", "SECRET") and t == "PLAINTEXT" for n, t in types.items() for k in n.split("_")),
              f"project {name} keeps no secret-looking variable in plain text")
        check_role(iam, project["serviceRole"], "codebuild.amazonaws.com")
        image = environment["image"]
        if ".dkr.ecr." in image and image.startswith(account + "."):
            repository = image.split("/", 1)[1].split(":")[0].split("@")[0]
            policy = document(ecr.get_repository_policy(repositoryName=repository)["policyText"])
            pulls = [s for s in policy["Statement"] if s.get("Principal", {}).get("Service") == "codebuild.amazonaws.com"
                     and {"ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "ecr:BatchCheckLayerAvailability"} <= set(as_list(s["Action"]))]
            check(bool(pulls), f"ECR repository {repository} lets CodeBuild pull {name}'s image")

    print(f"{len(FAILURES)} failed" if FAILURES else "all checks passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
