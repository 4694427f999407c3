package dev.kinesisautoscaling.internal;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * Records a cdk-nag suppression as resource metadata, the form cdk-nag reads, so that users of the
 * library see no findings for its own resources without depending on cdk-nag.
 */
public final class NagSuppression {

    private NagSuppression() {
    }

    /**
     * Suppresses every finding of one rule on an L2 construct's CloudFormation resource.
     *
     * @param construct an L2 construct whose default child is its CloudFormation resource
     * @param ruleId the cdk-nag rule, for example {@code AwsSolutions-SQS3}
     * @param reason why the finding does not apply, in words an auditor can check
     */
    public static void suppress(IConstruct construct, String ruleId, String reason) {
        CfnResource resource = (CfnResource) construct.getNode().getDefaultChild();
        resource.addMetadata("cdk_nag", Map.of("rules_to_suppress", List.of(Map.of("id", ruleId, "reason", reason))));
    }
}
