package io.gradgen.processor.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradgen.LossSupport;
import org.junit.jupiter.api.Test;

/**
 * The processor writes code against the support API of the runtime it is released with: the
 * version it stamps into every generated loss is the runtime's {@link LossSupport#API_VERSION}.
 */
class SupportApiVersionTest {

    @Test
    void processorWritesAgainstTheRuntimesSupportApiVersion() {
        assertEquals(LossSupport.API_VERSION, Names.SUPPORT_API_VERSION,
                "change Names.SUPPORT_API_VERSION and LossSupport.API_VERSION together");
    }
}
