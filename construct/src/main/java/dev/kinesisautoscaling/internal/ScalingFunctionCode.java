package dev.kinesisautoscaling.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The scaling function's deployment package, carried inside this library's jar.
 *
 * <p>It is extracted once per JVM to a temporary file, because CDK assets need a path; the file's
 * content (and so the asset hash) only changes when the runtime's code does.
 */
public final class ScalingFunctionCode {

    private static final String RESOURCE = "scaling-function.jar";
    private static Path extracted;

    private ScalingFunctionCode() {
    }

    /**
     * The deployment package as a CDK asset.
     *
     * @return the code of the scaling function
     */
    public static Code code() {
        return Code.fromAsset(path().toString());
    }

    /**
     * The extracted jar.
     *
     * @return the path of the deployment package on this machine
     */
    public static synchronized Path path() {
        if (extracted == null) {
            try (InputStream jar = ScalingFunctionCode.class.getResourceAsStream(RESOURCE)) {
                if (jar == null) {
                    throw new IllegalStateException("the scaling function's jar (" + RESOURCE
                            + ") is missing from the kinesis-autoscaling jar; rebuild the library with mvn package");
                }
                Path folder = Files.createTempDirectory("kinesis-autoscaling-");
                // Registered before the file: deleteOnExit deletes in reverse order of registration.
                folder.toFile().deleteOnExit();
                Path file = folder.resolve(RESOURCE);
                Files.copy(jar, file);
                file.toFile().deleteOnExit();
                extracted = file;
            } catch (IOException e) {
                throw new UncheckedIOException("could not extract the scaling function's jar", e);
            }
        }
        return extracted;
    }
}
