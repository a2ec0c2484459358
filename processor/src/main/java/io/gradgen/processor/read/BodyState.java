package io.gradgen.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * What the readers of one method body share: where the body is, what its names mean (parameters,
 * the locals in scope, the loops being read), and where problems go.
 */
final class BodyState {
    final ReadContext context;
    final CompilationUnitTree unit;
    final TypeElement enclosing;
    final TypeResolver types;
    final Map<String, ValueType> parameters;
    private final Deque<Map<String, ValueType>> scopes = new ArrayDeque<>();
    private final Deque<Loop> loops = new ArrayDeque<>();
    /** The one call of {@code Functions.weighted} allowed here: the whole value of the return being read. */
    Tree returnedCall;

    /**
     * A loop being read: the scope depth outside it (locals declared there are accumulators) and
     * the names its body assigns, which an accumulated value must not read.
     */
    record Loop(int outerDepth, Set<String> assigned) {
    }

    BodyState(ReadContext context, CompilationUnitTree unit, TypeElement enclosing, Map<String, ValueType> parameters) {
        this.context = context;
        this.unit = unit;
        this.enclosing = enclosing;
        this.types = new TypeResolver(context.elements(), unit, enclosing);
        this.parameters = parameters;
    }

    void problem(Tree tree, Message message, Object... args) {
        context.problems().add(Problem.at(tree, unit, message, args));
    }

    // ------------------------------------------------------------------ scopes

    void enterScope() {
        scopes.push(new HashMap<>());
    }

    void enterScope(String name, ValueType type) {
        scopes.push(new HashMap<>(Map.of(name, type)));
    }

    void exitScope() {
        scopes.pop();
    }

    void declare(String name, ValueType type) {
        scopes.peek().put(name, type);
    }

    /** The type of a local in scope, or null. */
    ValueType local(String name) {
        for (Map<String, ValueType> scope : scopes) {
            ValueType t = scope.get(name);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    /** Every name in scope, parameters first, for "did you mean" suggestions. */
    List<String> knownNames() {
        List<String> known = new ArrayList<>(parameters.keySet());
        scopes.forEach(s -> known.addAll(s.keySet()));
        return known;
    }

    // ------------------------------------------------------------------ loops

    void enterLoop(Set<String> assigned) {
        loops.push(new Loop(scopes.size(), assigned));
    }

    void exitLoop() {
        loops.pop();
    }

    boolean inLoop() {
        return !loops.isEmpty();
    }

    /** The innermost loop being read. */
    Loop loop() {
        return loops.peek();
    }

    /** Whether {@code name} is a local declared inside the innermost loop (not an accumulator of it). */
    boolean declaredInsideInnermostLoop(String name) {
        int depth = 0;
        int outerDepth = loops.peek().outerDepth();
        // scopes is a stack: the first scopes.size() - outerDepth entries are inside the loop
        for (Map<String, ValueType> scope : scopes) {
            if (depth >= scopes.size() - outerDepth) {
                return false;
            }
            if (scope.containsKey(name)) {
                return true;
            }
            depth++;
        }
        return false;
    }
}
