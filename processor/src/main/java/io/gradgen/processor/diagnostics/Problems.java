package io.gradgen.processor.diagnostics;

import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

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

    /** Reports each problem as an error, on its tree when it has one, else on its element. */
    public void reportTo(Messager messager, Trees trees) {
        for (Problem p : problems) {
            if (p.tree() != null && trees != null) {
                trees.printMessage(Diagnostic.Kind.ERROR, p.text(), p.tree(), p.unit());
            } else {
                messager.printMessage(Diagnostic.Kind.ERROR, p.text(), p.element());
            }
        }
    }
}
