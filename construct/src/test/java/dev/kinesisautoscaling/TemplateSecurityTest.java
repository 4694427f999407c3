package dev.kinesisautoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.IFunction;

/**
 * The security properties of a whole synthesized template, read statement by statement: no
 * mutating action on {@code *}, a topic that refuses plain HTTP and other accounts, and a key that
 * only CloudWatch uses.
 */
@SuppressWarnings("unchecked")
class TemplateSecurityTest {

    private static Map<String, Object> resources;

    @BeforeAll
    static void synthesize() {
        Stack stack = TestStacks.stack();
        // Imported, so that every role in the template is the library's own.
        IFunction consumer = TestStacks.importedConsumer(stack);
        AutoScalingKinesisStream.Builder.create(stack, "Orders").streamName("orders")
                .consumerFunction(consumer).build();
        AutoScalingKinesisStream.Builder.create(stack, "Clicks").build();
        resources = (Map<String, Object>) Template.fromStack(stack).toJSON().get("Resources");
    }

    /** Every statement of every IAM policy of the template: roles' inline policies, policies, managed policies. */
    private static List<Map<String, Object>> identityStatements() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object value : resources.values()) {
            Map<String, Object> resource = (Map<String, Object>) value;
            Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
            switch ((String) resource.get("Type")) {
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" ->
                        statements.addAll(statementsOf(properties.get("PolicyDocument")));
                case "AWS::IAM::Role" -> {
                    for (Object policy : (List<Object>) properties.getOrDefault("Policies", List.of())) {
                        statements.addAll(statementsOf(((Map<String, Object>) policy).get("PolicyDocument")));
                    }
                    assertThat(properties).as("roles carry no managed policy ARNs of AWS")
                            .doesNotContainKey("ManagedPolicyArns");
                }
                default -> { }
            }
        }
        return statements;
    }

    private static List<Map<String, Object>> statementsOf(Object document) {
        return (List<Map<String, Object>>) ((Map<String, Object>) document).get("Statement");
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> items ? (List<Object>) items : List.of(value);
    }

    private static List<Map<String, Object>> resourcePolicyStatements(String type, String documentKey) {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object value : resources.values()) {
            Map<String, Object> resource = (Map<String, Object>) value;
            if (type.equals(resource.get("Type"))) {
                statements.addAll(statementsOf(((Map<String, Object>) resource.get("Properties")).get(documentKey)));
            }
        }
        return statements;
    }

    @Test
    void allowsNoMutatingActionOnEveryResource() {
        List<Map<String, Object>> statements = identityStatements();
        assertThat(statements).isNotEmpty();
        for (Map<String, Object> statement : statements) {
            if (!"Allow".equals(statement.get("Effect"))) {
                continue;
            }
            boolean onEverything = list(statement.get("Resource")).stream().anyMatch("*"::equals);
            if (!onEverything) {
                continue;
            }
            for (Object action : list(statement.get("Action"))) {
                String name = ((String) action).substring(((String) action).indexOf(':') + 1);
                assertThat(name).as("action %s on * in %s", action, statement)
                        .matches("(Describe|List|Get).*");
            }
        }
    }

    @Test
    void grantsNoWholeServiceAndNoWildcardAction() {
        for (Map<String, Object> statement : identityStatements()) {
            for (Object action : list(statement.get("Action"))) {
                assertThat((String) action).as("action in %s", statement).doesNotContain("*");
            }
        }
    }

    @Test
    void letsTheScalingFunctionMutateOnlyExactStreamsAlarmsAndConsumers() {
        Set<String> mutatingActions = new TreeSet<>();
        for (Map<String, Object> statement : identityStatements()) {
            for (Object action : list(statement.get("Action"))) {
                String name = (String) action;
                if (name.startsWith("kinesis:") || name.startsWith("cloudwatch:") || name.startsWith("lambda:")) {
                    mutatingActions.add(name);
                    for (Object resource : list(statement.get("Resource"))) {
                        assertThat(resource.toString()).as("resource of %s", name).doesNotContain("*");
                    }
                }
            }
        }
        assertThat(mutatingActions).contains("kinesis:UpdateShardCount", "cloudwatch:PutMetricAlarm",
                "lambda:PutFunctionConcurrency");
    }

    @Test
    void refusesPublishingOverPlainHttp() {
        assertThat(resourcePolicyStatements("AWS::SNS::TopicPolicy", "PolicyDocument")).anySatisfy(statement -> {
            assertThat(statement).containsEntry("Effect", "Deny").containsEntry("Action", "sns:Publish")
                    .containsEntry("Principal", "*")
                    .containsEntry("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")));
        });
    }

    @Test
    void refusesPublishingFromOtherAccounts() {
        List<Map<String, Object>> statements = resourcePolicyStatements("AWS::SNS::TopicPolicy", "PolicyDocument");
        Map<String, Object> thisAccount = Map.of("Ref", "AWS::AccountId");

        for (String key : List.of("aws:PrincipalAccount", "aws:SourceAccount")) {
            assertThat(statements).as("a denial for %s", key).anySatisfy(statement -> {
                assertThat(statement).containsEntry("Effect", "Deny").containsEntry("Action", "sns:Publish")
                        .containsEntry("Principal", "*");
                Map<String, Object> condition = (Map<String, Object>) statement.get("Condition");
                assertThat(condition).containsEntry("StringNotEquals", Map.of(key, thisAccount))
                        .containsEntry("Null", Map.of(key, "false"));
            });
        }
        List<Map<String, Object>> allows = statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).toList();
        assertThat(allows).singleElement().satisfies(allow -> {
            assertThat(allow).containsEntry("Principal", Map.of("Service", "cloudwatch.amazonaws.com"))
                    .containsEntry("Action", "sns:Publish");
            assertThat((Map<String, Object>) allow.get("Condition"))
                    .containsEntry("StringEquals", Map.of("aws:SourceAccount", thisAccount));
        });
    }

    @Test
    void letsOnlyCloudWatchUseTheTopicKeyAndTheAccountOnlyAdministerIt() {
        List<Map<String, Object>> statements = resourcePolicyStatements("AWS::KMS::Key", "KeyPolicy");

        assertThat(statements).hasSize(2).allSatisfy(statement -> assertThat(statement).containsEntry("Effect", "Allow"));
        Map<String, Object> cloudWatch = statements.stream()
                .filter(s -> Map.of("Service", "cloudwatch.amazonaws.com").equals(s.get("Principal"))).findFirst().orElseThrow();
        assertThat(list(cloudWatch.get("Action"))).containsExactly("kms:Decrypt", "kms:GenerateDataKey*");
        Map<String, Object> account = statements.stream().filter(s -> s != cloudWatch).findFirst().orElseThrow();
        assertThat(account.get("Principal").toString()).contains(":root");
        for (Object action : list(account.get("Action"))) {
            assertThat((String) action).as("the account's key actions administer, never use, the key")
                    .doesNotMatch("kms:(Encrypt|Decrypt|ReEncrypt|GenerateDataKey|Sign|Verify|\\*).*");
        }
    }

    @Test
    void encryptsTheStreamsTheTopicAndTheDeadLetterQueue() {
        for (Object value : resources.values()) {
            Map<String, Object> resource = (Map<String, Object>) value;
            Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
            switch ((String) resource.get("Type")) {
                case "AWS::Kinesis::Stream" -> assertThat(properties).containsKey("StreamEncryption");
                case "AWS::SNS::Topic" -> assertThat(properties).containsKey("KmsMasterKeyId");
                case "AWS::SQS::Queue" -> assertThat(properties).containsEntry("SqsManagedSseEnabled", true);
                default -> { }
            }
        }
    }
}
