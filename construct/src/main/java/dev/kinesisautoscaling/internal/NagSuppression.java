package dev.kinesisautoscaling.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * Records a cdk-nag suppression as resource metadata, the form cdk-nag reads, so that users of the
 * library see no findings for its own resources without depending on cdk-nag.
 */
public final class NagSuppression {

    private static final String METADATA_KEY = "cdk_nag";

    private NagSuppression() {
    }

    /**
     * Suppresses a rule on a construct's CloudFormation resource.
     *
     * @param construct an L1 resource, or an L2 whose default child is one
     * @param ruleId the cdk-nag rule, for example {@code AwsSolutions-IAM5}
     * @param reason why the finding does not apply, in words an auditor can check
     * @param appliesTo the findings of the rule that are suppressed, or none for all of them
     */
    @SuppressWarnings("unchecked")
    public static void suppress(IConstruct construct, String ruleId, String reason, String... appliesTo) {
        CfnResource resource = construct instanceof CfnResource cfn
                ? cfn : (CfnResource) construct.getNode().getDefaultChild();
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", ruleId);
        rule.put("reason", reason);
        if (appliesTo.length > 0) {
            rule.put("applies_to", List.of(appliesTo));
        }
        Object existing = resource.getMetadata(METADATA_KEY);
        List<Object> rules = new ArrayList<>();
        if (existing instanceof Map<?, ?> map && map.get("rules_to_suppress") instanceof List<?> list) {
            rules.addAll(list);
        }
        rules.add(rule);
        resource.addMetadata(METADATA_KEY, Map.of("rules_to_suppress", rules));
    }
}
