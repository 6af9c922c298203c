package dev.slipway.runtime.aws.internal;

import dev.slipway.runtime.aws.AwsRuntimeException;
import dev.slipway.runtime.aws.Plan;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * A service role: its trust policy (one service principal may assume it) and its one inline policy. Reads the
 * role and the policy; updates only the document that differs.
 */
final class RoleDeployer {
    private final IamClient iam;
    private final AwsCalls calls;

    RoleDeployer(IamClient iam, AwsCalls calls) {
        this.iam = iam;
        this.calls = calls;
    }

    Drift plan(ResourceModel.Role role) {
        Role existing;
        try {
            existing = calls.call("iam:GetRole", () -> iam.getRole(b -> b.roleName(role.name()))).role();
        } catch (AwsRuntimeException e) {
            if (isNotFound(e)) {
                return Drift.missing(Plan.ResourceType.IAM_ROLE, role.name());
            }
            throw e;
        }
        Drift drift = Drift.existing(Plan.ResourceType.IAM_ROLE, role.name());
        drift.compareJson("trust", "trust policy", existing.assumeRolePolicyDocument(), role.trustPolicy());
        String policy;
        try {
            policy = calls.call("iam:GetRolePolicy", () -> iam.getRolePolicy(b -> b.roleName(role.name())
                    .policyName(role.policyName()))).policyDocument();
        } catch (AwsRuntimeException e) {
            if (!isNotFound(e)) {
                throw e;
            }
            policy = null;
        }
        drift.compareJson("policy", "inline policy " + role.policyName(), policy, role.policy());
        return drift;
    }

    void apply(ResourceModel.Role role, Drift drift) {
        if (drift.isMissing()) {
            calls.call("iam:CreateRole", () -> iam.createRole(b -> b.roleName(role.name())
                    .assumeRolePolicyDocument(Drift.toJson(role.trustPolicy()))
                    .description("Slipway: service role of " + role.servicePrincipal() + " for pipeline " + role.name())));
        } else if (drift.differs("trust")) {
            calls.call("iam:UpdateAssumeRolePolicy", () -> iam.updateAssumeRolePolicy(b -> b.roleName(role.name())
                    .policyDocument(Drift.toJson(role.trustPolicy()))));
        }
        if (drift.differs("policy")) {
            calls.call("iam:PutRolePolicy", () -> iam.putRolePolicy(b -> b.roleName(role.name()).policyName(role.policyName())
                    .policyDocument(Drift.toJson(role.policy()))));
        }
    }

    private static boolean isNotFound(AwsRuntimeException e) {
        return e.errorCode().filter(code -> code.equals("NoSuchEntity") || code.equals("NoSuchEntityException")).isPresent();
    }
}
