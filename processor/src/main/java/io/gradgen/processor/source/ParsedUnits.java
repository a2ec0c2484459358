package io.gradgen.processor.source;

import com.sun.source.tree.CompilationUnitTree;
import io.gradgen.processor.diagnostics.Problem;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The units gradgen parsed itself in one compilation, so that a problem found in one can be shown
 * where it is: the compiler can only point at its own trees, so such a problem is reported on an
 * element with the position in its text.
 */
public final class ParsedUnits {
    private final Map<CompilationUnitTree, ParsedUnit> units = Collections.synchronizedMap(new IdentityHashMap<>());

    /**
     * Remembers a unit.
     *
     * @param unit a unit gradgen parsed
     * @return the same unit
     */
    public ParsedUnit add(ParsedUnit unit) {
        units.put(unit.unit(), unit);
        return unit;
    }

    /**
     * @param unit a compilation unit
     * @return what gradgen parsed it from, or null for a unit the compiler parsed
     */
    public ParsedUnit of(CompilationUnitTree unit) {
        return unit == null ? null : units.get(unit);
    }

    /**
     * Reports a problem on {@code fallback}, naming the position of its tree in a parsed unit.
     *
     * @param problem a problem with a tree in a unit gradgen parsed
     * @param fallback the element to report on
     * @param messager the compiler's messager
     */
    void reportAt(Problem problem, Element fallback, Messager messager) {
        ParsedUnit unit = of(problem.unit());
        String where = unit == null ? "" : " (at " + unit.where(problem.tree()) + ")";
        messager.printMessage(Diagnostic.Kind.ERROR, problem.text() + where, fallback);
    }
}
