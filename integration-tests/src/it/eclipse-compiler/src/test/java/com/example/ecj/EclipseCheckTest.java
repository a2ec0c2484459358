package com.example.ecj;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same checks on javac's build of the losses, so both compilers answer to one program. */
class EclipseCheckTest {
    @Test
    void javacsBuildPassesEveryCheck() {
        List<String> report = new ArrayList<>();
        assertEquals(List.of(), EclipseCheck.run(report), String.join("\n", report));
    }
}
