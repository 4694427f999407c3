package dev.kinesisautoscaling.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.sqs.Queue;

/** cdk-nag's AWS Solutions rules over the example stack: no finding left, every suppression explained. */
@SuppressWarnings("deprecation")
class ExampleStackNagTest {

    private static ExampleStack stack;

    @BeforeAll
    static void applyTheRules() {
        stack = new ExampleStack(new App(), "KinesisAutoScalingExample", StackProps.builder().build());
        Aspects.of(stack).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    }

    private static String describe(List<SynthesisMessage> messages) {
        StringBuilder text = new StringBuilder();
        for (SynthesisMessage message : messages) {
            text.append('\n').append(message.getId()).append(": ").append(message.getEntry().getData());
        }
        return text.toString();
    }

    @Test
    void leavesNoUnsuppressedError() {
        List<SynthesisMessage> errors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));

        assertThat(errors).as(describe(errors)).isEmpty();
    }

    @Test
    void leavesNoUnsuppressedWarning() {
        List<SynthesisMessage> warnings = Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));

        assertThat(warnings).as(describe(warnings)).isEmpty();
    }

    @Test
    void reportsFindingsInThisSetupSoThatAnEmptyReportMeansSomething() {
        Stack control = new Stack(new App(), "Control");
        Queue.Builder.create(control, "PlainQueue").build();
        Aspects.of(control).add(new AwsSolutionsChecks());

        List<SynthesisMessage> errors = Annotations.fromStack(control).findError("*", Match.stringLikeRegexp("AwsSolutions-SQS4.*"));

        assertThat(errors).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void explainsEverySuppression() {
        Map<String, Object> resources = (Map<String, Object>) Template.fromStack(stack).toJSON().get("Resources");
        int suppressions = 0;
        for (Map.Entry<String, Object> resource : resources.entrySet()) {
            Map<String, Object> metadata = (Map<String, Object>) ((Map<String, Object>) resource.getValue()).get("Metadata");
            if (metadata == null || !(metadata.get("cdk_nag") instanceof Map<?, ?> nag)) {
                continue;
            }
            for (Object rule : (List<Object>) nag.get("rules_to_suppress")) {
                Map<String, Object> suppression = (Map<String, Object>) rule;
                suppressions++;
                assertThat(suppression.get("id").toString()).startsWith("AwsSolutions-");
                assertThat((String) suppression.get("reason")).as(resource.getKey() + " " + suppression.get("id"))
                        .hasSizeGreaterThan(40);
            }
        }
        assertThat(suppressions).as("suppressions in the example stack").isEqualTo(1);
    }
}
