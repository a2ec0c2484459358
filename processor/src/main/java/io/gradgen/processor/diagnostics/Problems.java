package io.gradgen.processor.diagnostics;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one method, so all are reported before the method is skipped. */
public final class Problems {
    private final List<Problem> problems = new ArrayList<>();

    public void add(Problem p) {
        problems.add(p);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<Problem> all() {
        return List.copyOf(problems);
    }
}
