package io.gradgen.processor.read;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import io.gradgen.processor.body.Node;
import io.gradgen.processor.body.Stmt;
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
    /** Whether the body is a helper returning {@code double[]}: its return statements return rows. */
    final boolean returnsRow;
    /** The range {@code [from, to)} of each loop variable in scope. */
    private final Map<String, Node[]> loopRanges = new HashMap<>();
    /** What each {@code int} local holds while it is assigned only at its declaration. */
    private final Map<String, Node> intDefinitions = new HashMap<>();
    /** The local arrays made with {@code new double[n]}, and whether a loop has filled each. */
    private final Map<String, Boolean> localArrays = new HashMap<>();
    /** Run-time requirements found while reading an expression, for the statement that contains it. */
    private final List<Stmt.Require> requirements = new ArrayList<>();

    /**
     * A loop being read: the scope depth outside it (locals declared there are accumulators), the
     * names its body assigns, which an accumulated value must not read, its index, and the local
     * arrays its body fills, which it must not read.
     */
    record Loop(int outerDepth, Set<String> assigned, String index, Set<String> fills, String header,
            Set<String> written) {
    }

    BodyState(ReadContext context, CompilationUnitTree unit, TypeElement enclosing, Map<String, ValueType> parameters,
            boolean returnsRow) {
        this.context = context;
        this.unit = unit;
        this.enclosing = enclosing;
        this.types = new TypeResolver(context.elements(), unit, enclosing);
        this.parameters = parameters;
        this.returnsRow = returnsRow;
    }

    /** The type of a name: a local in scope, else a parameter, else null. */
    ValueType typeOf(String name) {
        ValueType local = local(name);
        return local != null ? local : parameters.get(name);
    }

    // ------------------------------------------------------------------ integers and arrays

    void enterLoopRange(String index, Node from, Node to) {
        loopRanges.put(index, new Node[] {from, to});
    }

    void exitLoopRange(String index) {
        loopRanges.remove(index);
    }

    /** What the index prover knows here. */
    IndexBounds bounds() {
        return new IndexBounds(new IndexBounds.Facts() {
            @Override
            public Node[] loopRange(String name) {
                return loopRanges.get(name);
            }

            @Override
            public Node definition(String name) {
                return intDefinitions.get(name);
            }
        });
    }

    void defineInt(String name, Node value) {
        if (value == null) {
            intDefinitions.remove(name);
        } else {
            intDefinitions.put(name, value);
        }
    }

    void declareLocalArray(String name) {
        localArrays.put(name, false);
    }

    boolean isLocalArray(String name) {
        return localArrays.containsKey(name);
    }

    boolean isFilled(String name) {
        return Boolean.TRUE.equals(localArrays.get(name));
    }

    void fill(String name) {
        localArrays.put(name, true);
        loops.peek().written().add(name);
    }

    /**
     * Whether reading {@code array[index]} here reads the element this iteration of the loop that
     * fills it has just written ({@code e[i] = ...; s += e[i];}), rather than one it has not.
     */
    boolean readsElementJustWritten(String array, Node index) {
        Loop innermost = loops.peek();
        return innermost != null && innermost.written().contains(array) && index instanceof Node.Ref r
                && r.name().equals(innermost.index());
    }

    void require(Stmt.Require requirement) {
        requirements.add(requirement);
    }

    /** The requirements found since the last call, to place before the statement being read. */
    List<Stmt.Require> takeRequirements() {
        List<Stmt.Require> out = List.copyOf(requirements);
        requirements.clear();
        return out;
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

    void enterLoop(Set<String> assigned, String index, Set<String> fills, String header) {
        loops.push(new Loop(scopes.size(), assigned, index, fills, header, new java.util.HashSet<>()));
    }

    /** The headers of the loops being read, outermost first, for messages. */
    String loopHeaders() {
        List<String> headers = new ArrayList<>();
        loops.forEach(l -> headers.add(0, l.header()));
        return String.join(" within ", headers);
    }

    /** {@code [from, to)} of a loop variable in scope, or null. */
    Node[] loopRange(String name) {
        return loopRanges.get(name);
    }

    /** The index of the innermost loop being read. */
    String innermostLoopIndex() {
        return loops.peek().index();
    }

    /** Whether a loop being read fills this local array (so reading it there would read it half-filled). */
    boolean isBeingFilled(String array) {
        return loops.stream().anyMatch(l -> l.fills().contains(array));
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
