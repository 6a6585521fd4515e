package dev.cosinerepro.app.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The slow suite (secrets, faults, load on the embedded stack; more than 30 s a test on two cores):
 * skipped unless Maven runs with {@code -Dfaults=true}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("faults")
@EnabledIfSystemProperty(
    named = "faults",
    matches = "true",
    disabledReason = "slow suite (faults, load): run with -Dfaults=true")
@interface SlowSuite {}
