package io.gradgen.processor.read;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import io.gradgen.processor.body.Helper;
import io.gradgen.processor.body.Node;
import io.gradgen.processor.body.RowFunction;
import io.gradgen.processor.body.Stmt;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Problem;
import io.gradgen.processor.ir.Op;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Reads one method body (a loss or a helper) from javac's syntax trees into the resolved
 * {@link Stmt}/{@link Node} form. It resolves every name itself (parameters, locals, constants,
 * known functions, {@code @Differentiable} helpers) and reports each construct it cannot
 * differentiate at that construct's own position, then goes on reading so that all problems of a
 * method are reported together.
 */
final class BodyReader {
    private static final String MATH = "java.lang.Math";
    private static final String FUNCTIONS = "io.gradgen.Functions";

    private final ReadContext context;
    private final CompilationUnitTree unit;
    private final TypeElement enclosing;
    private final TypeResolver types;
    private final Map<String, ValueType> parameters;
    private final Deque<Map<String, ValueType>> scopes = new ArrayDeque<>();
    private final Deque<Loop> loops = new ArrayDeque<>();
    /** The one call of {@code Functions.weighted} allowed here: the whole value of the return being read. */
    private Tree returnedCall;

    /**
     * A loop being read: the scope depth outside it (locals declared there are accumulators) and
     * the names its body assigns, which an accumulated value must not read.
     */
    private record Loop(int outerDepth, Set<String> assigned) {
    }

    BodyReader(ReadContext context, CompilationUnitTree unit, TypeElement enclosing, Map<String, ValueType> parameters) {
        this.context = context;
        this.unit = unit;
        this.enclosing = enclosing;
        this.types = new TypeResolver(context.elements(), unit, enclosing);
        this.parameters = parameters;
    }

    List<Stmt> read(BlockTree body) {
        return block(body.getStatements());
    }

    // ------------------------------------------------------------------ statements

    private List<Stmt> block(List<? extends StatementTree> statements) {
        scopes.push(new HashMap<>());
        List<Stmt> out = new ArrayList<>();
        for (StatementTree s : statements) {
            statement(s, out);
        }
        scopes.pop();
        return out;
    }

    private List<Stmt> branch(StatementTree s) {
        if (s == null) {
            return List.of();
        }
        return s instanceof BlockTree b ? block(b.getStatements()) : block(List.of(s));
    }

    private void statement(StatementTree s, List<Stmt> out) {
        switch (s.getKind()) {
            case BLOCK -> out.addAll(block(((BlockTree) s).getStatements()));
            case EMPTY_STATEMENT -> {
            }
            case VARIABLE -> declare((VariableTree) s, out);
            case RETURN -> {
                if (!loops.isEmpty()) {
                    unsupportedStatement(s, "a return inside a loop",
                            "accumulate into a local declared before the loop and return after it");
                    return;
                }
                ExpressionTree returned = ((ReturnTree) s).getExpression();
                while (returned instanceof ParenthesizedTree p) {
                    returned = p.getExpression();
                }
                returnedCall = returned;
                Typed value = numeric(((ReturnTree) s).getExpression());
                returnedCall = null;
                if (value != null) {
                    out.add(new Stmt.Return(value.node()));
                }
            }
            case IF -> {
                IfTree i = (IfTree) s;
                Typed cond = condition(i.getCondition());
                List<Stmt> thenBranch = branch(i.getThenStatement());
                List<Stmt> elseBranch = branch(i.getElseStatement());
                if (cond != null) {
                    out.add(new Stmt.If(cond.node(), thenBranch, elseBranch));
                }
            }
            case EXPRESSION_STATEMENT -> expressionStatement((ExpressionStatementTree) s, out);
            case WHILE_LOOP, DO_WHILE_LOOP -> unsupportedStatement(s, s.getKind() == Tree.Kind.WHILE_LOOP ? "a while loop" : "a do-while loop",
                    "loops run over whole rows: write for (int i = 0; i < x.length; i++) with x a double[] parameter");
            case FOR_LOOP -> forLoop((ForLoopTree) s, out);
            case ENHANCED_FOR_LOOP -> problem(s, Message.LOOP_FORM, "an enhanced for loop",
                    "gradgen needs the index to differentiate x[i]");
            case SWITCH -> unsupportedStatement(s, "a switch statement", "write it as if/else on comparisons");
            case THROW -> unsupportedStatement(s, "a throw statement",
                    "a loss has a value everywhere; validate @Param values before training instead");
            case TRY -> unsupportedStatement(s, "a try statement", "nothing in a loss body throws; remove it");
            case BREAK, CONTINUE -> unsupportedStatement(s, "a " + s.getKind().name().toLowerCase().replace('_', ' ')
                    + " statement", "a loop runs over its whole row; skip elements with an if inside the loop");
            case SYNCHRONIZED -> unsupportedStatement(s, "a synchronized block", "a loss body shares no state; remove it");
            case LABELED_STATEMENT -> unsupportedStatement(s, "a labeled statement", "remove the label");
            default -> unsupportedStatement(s, "this statement",
                    "use local variables, assignments, if/else and return");
        }
    }

    /** {@code for (int i = 0; i < x.length; i++) body}, with x a row parameter. */
    private void forLoop(ForLoopTree f, List<Stmt> out) {
        String header = "for (" + f.getInitializer().stream().map(Object::toString).map(String::strip)
                .reduce((a, b) -> a + ", " + b).orElse("") + "; " + (f.getCondition() == null ? "" : f.getCondition())
                + "; " + f.getUpdate().stream().map(u -> u.getExpression().toString()).reduce((a, b) -> a + ", " + b)
                .orElse("") + ")";
        String index = loopIndex(f);
        if (index == null) {
            problem(f, Message.LOOP_FORM, header, "it must start with int i = 0");
            return;
        }
        String row = loopRow(f, index);
        if (row == null) {
            problem(f.getCondition() == null ? f : f.getCondition(), Message.LOOP_FORM, header,
                    "its condition must be " + index + " < x.length for a double[] parameter x");
            return;
        }
        if (!isIncrement(f, index)) {
            problem(f, Message.LOOP_FORM, header, "its update must be " + index + "++");
            return;
        }
        loops.push(new Loop(scopes.size(), assignedIn(f.getStatement())));
        scopes.push(new HashMap<>(Map.of(index, ValueType.INDEX)));
        List<Stmt> body = branch(f.getStatement());
        scopes.pop();
        loops.pop();
        out.add(new Stmt.For(index, row, body));
    }

    private static String loopIndex(ForLoopTree f) {
        if (f.getInitializer().size() != 1 || !(f.getInitializer().get(0) instanceof VariableTree v)) {
            return null;
        }
        boolean zero = v.getInitializer() instanceof LiteralTree l && Integer.valueOf(0).equals(l.getValue());
        return v.getType() != null && v.getType().toString().equals("int") && zero ? v.getName().toString() : null;
    }

    private String loopRow(ForLoopTree f, String index) {
        if (f.getCondition() instanceof BinaryTree b && b.getKind() == Tree.Kind.LESS_THAN
                && b.getLeftOperand() instanceof IdentifierTree i && i.getName().contentEquals(index)
                && b.getRightOperand() instanceof MemberSelectTree m && m.getIdentifier().contentEquals("length")
                && m.getExpression() instanceof IdentifierTree rowName
                && parameters.get(rowName.getName().toString()) == ValueType.ROW) {
            return rowName.getName().toString();
        }
        return null;
    }

    private static boolean isIncrement(ForLoopTree f, String index) {
        if (f.getUpdate().size() != 1) {
            return false;
        }
        ExpressionTree u = f.getUpdate().get(0).getExpression();
        if ((u.getKind() == Tree.Kind.POSTFIX_INCREMENT || u.getKind() == Tree.Kind.PREFIX_INCREMENT)
                && ((UnaryTree) u).getExpression() instanceof IdentifierTree i) {
            return i.getName().contentEquals(index);
        }
        return u instanceof CompoundAssignmentTree c && u.getKind() == Tree.Kind.PLUS_ASSIGNMENT
                && c.getVariable() instanceof IdentifierTree i && i.getName().contentEquals(index)
                && c.getExpression() instanceof LiteralTree l && Integer.valueOf(1).equals(l.getValue());
    }

    /** The simple names a statement assigns (plainly or compoundly), at any depth. */
    private static Set<String> assignedIn(StatementTree body) {
        Set<String> names = new HashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitAssignment(AssignmentTree node, Void unused) {
                if (node.getVariable() instanceof IdentifierTree id) {
                    names.add(id.getName().toString());
                }
                return super.visitAssignment(node, unused);
            }

            @Override
            public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
                if (node.getVariable() instanceof IdentifierTree id) {
                    names.add(id.getName().toString());
                }
                return super.visitCompoundAssignment(node, unused);
            }
        }.scan(body, null);
        return names;
    }

    /**
     * Inside a loop, an assignment to a local declared before it must accumulate: {@code s = s + e},
     * {@code s - e}, {@code s * e}, {@code Math.max(s, e)}, {@code Math.min(s, e)}, where {@code e}
     * reads nothing the loop assigns. Reports and returns false otherwise.
     */
    private boolean checkAccumulation(Tree site, String target, Node value) {
        if (loops.isEmpty() || declaredInsideInnermostLoop(target)) {
            return true;
        }
        Set<String> assigned = loops.peek().assigned();
        Node increment = null;
        if (value instanceof Node.Call c && c.args().size() == 2) {
            boolean leftIsTarget = isRef(c.args().get(0), target);
            boolean rightIsTarget = isRef(c.args().get(1), target);
            switch (c.op()) {
                case ADD, MUL, MAX, MIN -> increment = leftIsTarget ? c.args().get(1) : rightIsTarget ? c.args().get(0) : null;
                case SUB -> increment = leftIsTarget ? c.args().get(1) : null;
                default -> {
                }
            }
        }
        if (increment != null && !reads(increment, assigned)) {
            return true;
        }
        problem(site, Message.LOOP_ASSIGNMENT, site, target, target, target, target, target, String.join(", ", assigned));
        return false;
    }

    private boolean declaredInsideInnermostLoop(String name) {
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

    private static boolean isRef(Node n, String name) {
        return n instanceof Node.Ref r && r.name().equals(name);
    }

    private static boolean reads(Node n, Set<String> names) {
        if (n instanceof Node.Ref r) {
            return names.contains(r.name());
        }
        if (n instanceof Node.Call c) {
            return c.args().stream().anyMatch(a -> reads(a, names));
        }
        if (n instanceof Node.Cond c) {
            return reads(c.condition(), names) || reads(c.ifTrue(), names) || reads(c.ifFalse(), names);
        }
        if (n instanceof Node.Elem e) {
            return reads(e.index(), names);
        }
        if (n instanceof Node.Invoke i) {
            return i.args().stream().anyMatch(a -> reads(a, names));
        }
        return false;
    }

    private void unsupportedStatement(Tree tree, String what, String instead) {
        problem(tree, Message.UNSUPPORTED_STATEMENT, what, instead);
    }

    private void declare(VariableTree v, List<Stmt> out) {
        String name = v.getName().toString();
        String typeText = v.getType() == null ? "var" : v.getType().toString();
        ValueType declared = switch (typeText) {
            case "double", "final double" -> ValueType.DOUBLE;
            case "int" -> ValueType.INT;
            case "var" -> null;
            default -> {
                problem(v, Message.LOCAL_TYPE, name, typeText);
                yield ValueType.DOUBLE;
            }
        };
        Typed init = null;
        if (v.getInitializer() != null) {
            init = numeric(v.getInitializer());
        }
        ValueType type = declared != null ? declared : init != null ? init.type() : ValueType.DOUBLE;
        if (type == ValueType.INT && init != null && init.type() == ValueType.DOUBLE) {
            type = ValueType.DOUBLE; // javac rejects this narrowing itself; keep reading without noise
        }
        scopes.peek().put(name, type);
        if (v.getInitializer() == null || init != null) {
            out.add(new Stmt.Declare(name, init == null ? null : init.node()));
        }
    }

    private void expressionStatement(ExpressionStatementTree s, List<Stmt> out) {
        ExpressionTree e = s.getExpression();
        switch (e.getKind()) {
            case ASSIGNMENT -> {
                AssignmentTree a = (AssignmentTree) e;
                String target = assignable(a.getVariable());
                Typed value = numeric(a.getExpression());
                if (target != null && value != null && checkAccumulation(e, target, value.node())) {
                    out.add(new Stmt.Assign(target, value.node()));
                }
            }
            case PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT -> {
                CompoundAssignmentTree a = (CompoundAssignmentTree) e;
                String target = assignable(a.getVariable());
                Typed value = numeric(a.getExpression());
                if (target != null && value != null) {
                    Op op = switch (e.getKind()) {
                        case PLUS_ASSIGNMENT -> Op.ADD;
                        case MINUS_ASSIGNMENT -> Op.SUB;
                        case MULTIPLY_ASSIGNMENT -> Op.MUL;
                        default -> Op.DIV;
                    };
                    if (op == Op.DIV && local(target) == ValueType.INT && value.type() == ValueType.INT) {
                        problem(e, Message.INTEGER_DIVISION, e, target + " = " + target + " / (double) " + a.getExpression());
                        return;
                    }
                    Node combined = new Node.Call(op, List.of(new Node.Ref(target), value.node()));
                    if (checkAccumulation(e, target, combined)) {
                        out.add(new Stmt.Assign(target, combined));
                    }
                }
            }
            case POSTFIX_INCREMENT, POSTFIX_DECREMENT, PREFIX_INCREMENT, PREFIX_DECREMENT ->
                    problem(e, Message.UNSUPPORTED_OPERATOR, operatorText(e.getKind()),
                            "write the assignment out, e.g. x = x + 1;");
            case METHOD_INVOCATION -> unsupportedStatement(s, "a call whose result is discarded (" + e + ")",
                    "a loss body has no side effects; remove it or assign its value to a local");
            default -> unsupportedStatement(s, "the expression statement " + e,
                    "use local variables, assignments, if/else and return");
        }
    }

    private String assignable(ExpressionTree variable) {
        if (variable instanceof ArrayAccessTree) {
            problem(variable, Message.ARRAY_WRITE, variable);
            return null;
        }
        if (variable instanceof IdentifierTree id) {
            String name = id.getName().toString();
            if (local(name) == ValueType.INDEX) {
                problem(variable, Message.LOOP_FORM, "assigning to the loop variable " + name,
                        "the loop alone advances " + name);
                return null;
            }
            if (local(name) != null) {
                return name;
            }
            if (parameters.containsKey(name)) {
                problem(variable, Message.ASSIGN_TO_PARAMETER, name, name + "2");
                return null;
            }
        }
        problem(variable, Message.UNSUPPORTED_EXPRESSION, "assigning to " + variable,
                "only local variables of the loss body can be assigned");
        return null;
    }

    private ValueType local(String name) {
        for (Map<String, ValueType> scope : scopes) {
            ValueType t = scope.get(name);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ expressions

    private Typed numeric(ExpressionTree e) {
        Typed t = expression(e);
        if (t != null && t.type() == ValueType.ROW) {
            problem(e, Message.ROW_VALUE, e, e, e);
            return null;
        }
        if (t != null && !t.type().isNumeric()) {
            problem(e, Message.UNSUPPORTED_EXPRESSION, "the boolean value " + e + " used as a number",
                    "write a conditional, e.g. (" + e + ") ? 1.0 : 0.0");
            return null;
        }
        return t;
    }

    private Typed condition(ExpressionTree e) {
        Typed t = expression(e);
        if (t != null && t.type() != ValueType.BOOLEAN) {
            problem(e, Message.UNSUPPORTED_EXPRESSION, "the number " + e + " used as a condition",
                    "compare it, e.g. " + e + " > 0");
            return null;
        }
        return t;
    }

    private Typed expression(ExpressionTree e) {
        switch (e.getKind()) {
            case PARENTHESIZED:
                return expression(((ParenthesizedTree) e).getExpression());
            case INT_LITERAL:
            case LONG_LITERAL:
                return new Typed(new Node.Num(((Number) ((LiteralTree) e).getValue()).doubleValue()), ValueType.INT);
            case DOUBLE_LITERAL:
            case FLOAT_LITERAL:
                return new Typed(new Node.Num(((Number) ((LiteralTree) e).getValue()).doubleValue()), ValueType.DOUBLE);
            case BOOLEAN_LITERAL:
                return new Typed(new Node.Call((Boolean) ((LiteralTree) e).getValue() ? Op.TRUE : Op.FALSE, List.of()),
                        ValueType.BOOLEAN);
            case IDENTIFIER:
                return identifier((IdentifierTree) e);
            case MEMBER_SELECT:
                return memberSelect((MemberSelectTree) e);
            case METHOD_INVOCATION:
                return invocation((MethodInvocationTree) e);
            case CONDITIONAL_EXPRESSION:
                return conditional((ConditionalExpressionTree) e);
            case TYPE_CAST:
                return cast((TypeCastTree) e);
            case UNARY_MINUS:
            case UNARY_PLUS:
            case LOGICAL_COMPLEMENT:
                return unary((UnaryTree) e);
            case PLUS:
            case MINUS:
            case MULTIPLY:
            case DIVIDE:
            case LESS_THAN:
            case LESS_THAN_EQUAL:
            case GREATER_THAN:
            case GREATER_THAN_EQUAL:
            case EQUAL_TO:
            case NOT_EQUAL_TO:
            case CONDITIONAL_AND:
            case CONDITIONAL_OR:
                return binary((BinaryTree) e);
            case REMAINDER:
                problem(e, Message.UNSUPPORTED_OPERATOR, "%", "the remainder is not differentiable at its jumps; "
                        + "write a - b * Math.floor(a / b) if you need it");
                return null;
            case AND:
            case OR:
            case XOR:
            case LEFT_SHIFT:
            case RIGHT_SHIFT:
            case UNSIGNED_RIGHT_SHIFT:
            case BITWISE_COMPLEMENT:
                problem(e, Message.UNSUPPORTED_OPERATOR, operatorText(e.getKind()),
                        "bitwise operators have no derivative; use && and || on comparisons");
                return null;
            case POSTFIX_INCREMENT:
            case POSTFIX_DECREMENT:
            case PREFIX_INCREMENT:
            case PREFIX_DECREMENT:
                problem(e, Message.UNSUPPORTED_OPERATOR, operatorText(e.getKind()), "write x + 1 or x - 1 instead");
                return null;
            case ASSIGNMENT:
            case PLUS_ASSIGNMENT:
            case MINUS_ASSIGNMENT:
            case MULTIPLY_ASSIGNMENT:
            case DIVIDE_ASSIGNMENT:
                problem(e, Message.UNSUPPORTED_EXPRESSION, "an assignment inside an expression (" + e + ")",
                        "assign in a statement of its own");
                return null;
            case ARRAY_ACCESS:
                return element((ArrayAccessTree) e);
            case NEW_CLASS:
            case NEW_ARRAY:
                problem(e, Message.UNSUPPORTED_EXPRESSION, "object creation (" + e + ")",
                        "a loss body computes with doubles only");
                return null;
            case LAMBDA_EXPRESSION:
            case MEMBER_REFERENCE:
                problem(e, Message.UNSUPPORTED_EXPRESSION, "a lambda or method reference",
                        "call a @Differentiable static method instead");
                return null;
            case SWITCH_EXPRESSION:
                problem(e, Message.UNSUPPORTED_EXPRESSION, "a switch expression",
                        "write it as ?: or if/else on comparisons");
                return null;
            case STRING_LITERAL:
            case CHAR_LITERAL:
            case NULL_LITERAL:
                problem(e, Message.UNSUPPORTED_EXPRESSION, "the literal " + e, "a loss body computes with doubles only");
                return null;
            default:
                problem(e, Message.UNSUPPORTED_EXPRESSION, "the expression " + e,
                        "use arithmetic, comparisons, ?: and calls to Math, io.gradgen.Functions or @Differentiable methods");
                return null;
        }
    }

    private Typed identifier(IdentifierTree id) {
        String name = id.getName().toString();
        ValueType localType = local(name);
        if (localType != null) {
            return new Typed(new Node.Ref(name), localType);
        }
        ValueType paramType = parameters.get(name);
        if (paramType != null) {
            return new Typed(new Node.Ref(name), paramType);
        }
        for (Element e = enclosing; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            Typed c = constantField(t, name, id);
            if (c != null) {
                return c;
            }
        }
        for (TypeElement owner : types.staticImportOwners(name)) {
            Typed c = constantField(owner, name, id);
            if (c != null) {
                return c;
            }
        }
        List<String> known = new ArrayList<>(parameters.keySet());
        scopes.forEach(s -> known.addAll(s.keySet()));
        problem(id, Message.UNKNOWN_NAME, name, Suggestions.didYouMean(name, known, ""));
        return null;
    }

    private Typed memberSelect(MemberSelectTree m) {
        String member = m.getIdentifier().toString();
        if (member.equals("length")) {
            if (m.getExpression() instanceof IdentifierTree id && parameters.get(id.getName().toString()) == ValueType.ROW) {
                return new Typed(new Node.Length(id.getName().toString()), ValueType.INT);
            }
            problem(m, Message.UNSUPPORTED_EXPRESSION, m + "",
                    "only the length of a double[] parameter is known, e.g. x.length");
            return null;
        }
        TypeElement owner = types.resolve(m.getExpression().toString());
        if (owner != null) {
            Typed c = constantField(owner, member, m);
            if (c != null) {
                return c;
            }
            problem(m, Message.UNKNOWN_NAME, m.toString(),
                    "; " + owner.getSimpleName() + "." + member + " is not a static final numeric constant");
            return null;
        }
        problem(m, Message.UNKNOWN_NAME, m.toString(), "");
        return null;
    }

    /** {@code x[k]}: x a row parameter, k the loop variable, an int parameter or an int literal. */
    private Typed element(ArrayAccessTree a) {
        if (!(a.getExpression() instanceof IdentifierTree rowName)
                || parameters.get(rowName.getName().toString()) != ValueType.ROW) {
            problem(a, Message.UNSUPPORTED_EXPRESSION, "indexing " + a.getExpression(),
                    "only double[] parameters of the loss can be indexed");
            return null;
        }
        ExpressionTree indexTree = a.getIndex();
        while (indexTree instanceof ParenthesizedTree p) {
            indexTree = p.getExpression();
        }
        if (indexTree instanceof TypeCastTree cast && cast.getType().toString().equals("int")) {
            Typed inner = expression(cast.getExpression());
            if (inner != null && !inner.type().isIntegral()) {
                problem(a.getIndex(), Message.INDEX, a.getIndex(), "it is computed from a double");
                return null;
            }
        }
        Typed index = expression(a.getIndex());
        if (index == null) {
            return null;
        }
        String reason = null;
        if (!index.type().isIntegral()) {
            reason = index.type() == ValueType.DOUBLE ? "it is computed from a double" : "it is not an int";
        } else if (index.node() instanceof Node.Num n) {
            if (n.value() < 0) {
                reason = "it is negative";
            }
        } else if (!(index.node() instanceof Node.Ref r) || (local(r.name()) != null && local(r.name()) != ValueType.INDEX)) {
            reason = index.node() instanceof Node.Ref ? "it is a local variable" : "it is computed";
        }
        if (reason != null) {
            problem(a.getIndex(), Message.INDEX, a.getIndex(), reason);
            return null;
        }
        return new Typed(new Node.Elem(rowName.getName().toString(), index.node()), ValueType.DOUBLE);
    }

    /** A {@code static final} numeric field with a compile-time constant value, or null if there is no such field. */
    private Typed constantField(TypeElement owner, String name, Tree site) {
        for (Element e : owner.getEnclosedElements()) {
            if (e.getKind() != ElementKind.FIELD || !e.getSimpleName().contentEquals(name)) {
                continue;
            }
            VariableElement field = (VariableElement) e;
            Object value = field.getConstantValue();
            Set<Modifier> mods = field.getModifiers();
            if (value instanceof Number n && mods.contains(Modifier.STATIC) && mods.contains(Modifier.FINAL)) {
                boolean integral = value instanceof Integer || value instanceof Long || value instanceof Short
                        || value instanceof Byte;
                return new Typed(new Node.Num(n.doubleValue()), integral ? ValueType.INT : ValueType.DOUBLE);
            }
            problem(site, Message.UNKNOWN_NAME, owner.getSimpleName() + "." + name,
                    "; it is not a static final numeric constant with a compile-time value");
            return new Typed(new Node.Num(0), ValueType.DOUBLE); // already reported; keep reading
        }
        return null;
    }

    private Typed conditional(ConditionalExpressionTree c) {
        Typed cond = condition(c.getCondition());
        Typed a = numeric(c.getTrueExpression());
        Typed b = numeric(c.getFalseExpression());
        if (cond == null || a == null || b == null) {
            return null;
        }
        return new Typed(new Node.Cond(cond.node(), a.node(), b.node()), ValueType.numeric(a.type(), b.type()));
    }

    private Typed cast(TypeCastTree c) {
        String type = c.getType().toString();
        Typed inner = numeric(c.getExpression());
        if (inner == null) {
            return null;
        }
        if (type.equals("double")) {
            return new Typed(inner.node(), ValueType.DOUBLE);
        }
        if (type.equals("int") && inner.type().isIntegral()) {
            return inner;
        }
        problem(c, Message.UNSUPPORTED_EXPRESSION, "the cast (" + type + ")",
                "a cast to an integer truncates and has no derivative; use Math.floor or Math.ceil");
        return null;
    }

    private Typed unary(UnaryTree u) {
        if (u.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
            Typed a = condition(u.getExpression());
            return a == null ? null : new Typed(new Node.Call(Op.NOT, List.of(a.node())), ValueType.BOOLEAN);
        }
        Typed a = numeric(u.getExpression());
        if (a == null) {
            return null;
        }
        if (u.getKind() == Tree.Kind.UNARY_PLUS) {
            return a;
        }
        if (a.node() instanceof Node.Num n) {
            return new Typed(new Node.Num(-n.value()), a.type());
        }
        return new Typed(new Node.Call(Op.NEG, List.of(a.node())), a.type());
    }

    private Typed binary(BinaryTree b) {
        Op op = switch (b.getKind()) {
            case PLUS -> Op.ADD;
            case MINUS -> Op.SUB;
            case MULTIPLY -> Op.MUL;
            case DIVIDE -> Op.DIV;
            case LESS_THAN -> Op.LT;
            case LESS_THAN_EQUAL -> Op.LE;
            case GREATER_THAN -> Op.GT;
            case GREATER_THAN_EQUAL -> Op.GE;
            case EQUAL_TO -> Op.EQ;
            case NOT_EQUAL_TO -> Op.NE;
            case CONDITIONAL_AND -> Op.AND;
            default -> Op.OR;
        };
        boolean logic = op == Op.AND || op == Op.OR;
        Typed l = logic ? condition(b.getLeftOperand()) : numeric(b.getLeftOperand());
        Typed r = logic ? condition(b.getRightOperand()) : numeric(b.getRightOperand());
        if (l == null || r == null) {
            return null;
        }
        if (logic || op.family() == Op.Family.COMPARISON) {
            return new Typed(new Node.Call(op, List.of(l.node(), r.node())), ValueType.BOOLEAN);
        }
        ValueType type = ValueType.numeric(l.type(), r.type());
        if (type == ValueType.INT) {
            Typed folded = IntegerArithmetic.fold(op, l, r);
            if (folded != null) {
                return folded;
            }
            if (op == Op.DIV) {
                problem(b, Message.INTEGER_DIVISION, b, b.getLeftOperand() + " / (double) " + b.getRightOperand());
                return null;
            }
        }
        return new Typed(new Node.Call(op, List.of(l.node(), r.node())), type);
    }

    private Typed invocation(MethodInvocationTree call) {
        ExpressionTree select = call.getMethodSelect();
        Typed rowCall = rowFunction(call);
        if (rowCall != null) {
            return rowCall.node() == null ? null : rowCall;
        }
        List<Typed> args = new ArrayList<>();
        boolean argsOk = true;
        for (ExpressionTree a : call.getArguments()) {
            Typed t = numeric(a);
            argsOk &= t != null;
            args.add(t);
        }
        String name;
        List<TypeElement> owners = new ArrayList<>();
        if (select instanceof MemberSelectTree m) {
            name = m.getIdentifier().toString();
            TypeElement owner = types.resolve(m.getExpression().toString());
            if (owner == null) {
                problem(call, Message.UNSUPPORTED_CALL, call.getMethodSelect() + "(...)", supportedHere(),
                        "; " + m.getExpression() + " is not a class gradgen can see (instance methods are not supported)");
                return null;
            }
            owners.add(owner);
        } else {
            name = ((IdentifierTree) select).getName().toString();
            for (Element e = enclosing; e instanceof TypeElement t; e = e.getEnclosingElement()) {
                if (hasMethod(t, name)) {
                    owners.add(t);
                    break;
                }
            }
            owners.addAll(types.staticImportOwners(name));
        }
        if (owners.isEmpty()) {
            problem(call, Message.UNSUPPORTED_CALL, name + "(...)", supportedHere(), didYouMeanAnyFunction(name));
            return null;
        }
        TypeElement owner = owners.get(0);
        String ownerName = owner.getQualifiedName().toString();
        String shown = owner.getSimpleName() + "." + name;
        if (ownerName.equals(MATH) || ownerName.equals(FUNCTIONS)) {
            Op.Family family = ownerName.equals(MATH) ? Op.Family.MATH : Op.Family.FUNCTIONS;
            if (family == Op.Family.MATH && name.equals("random")) {
                problem(call, Message.RANDOM);
                return null;
            }
            Op op = Op.call(family, name, args.size()).orElse(null);
            if (op == null) {
                problem(call, Message.UNSUPPORTED_CALL, shown + "(" + argTypes(args) + ")", supportedHere(),
                        Suggestions.didYouMean(name, Op.callNames(family), owner.getSimpleName() + "."));
                return null;
            }
            if (op == Op.WEIGHTED && call != returnedCall) {
                problem(call, Message.WEIGHTED_PLACEMENT, call);
                return null;
            }
            if (!argsOk) {
                return null;
            }
            List<Node> nodes = args.stream().map(Typed::node).toList();
            boolean intResult = (op == Op.ABS || op == Op.MAX || op == Op.MIN)
                    && args.stream().allMatch(a -> a.type() == ValueType.INT);
            return new Typed(new Node.Call(op, nodes), intResult ? ValueType.INT : ValueType.DOUBLE);
        }
        ExecutableElement method = context.helpers().find(owner, name, args.size());
        if (method == null) {
            problem(call, Message.UNSUPPORTED_CALL, shown + "(" + argTypes(args) + ")", supportedHere(),
                    didYouMeanAnyFunction(name));
            return null;
        }
        if (!context.helpers().isDifferentiable(method)) {
            problem(call, Message.NOT_DIFFERENTIABLE, shown);
            return null;
        }
        Helper helper = context.helpers().read(method, call, unit, context);
        if (helper == null || !argsOk) {
            return null;
        }
        return new Typed(new Node.Invoke(helper, args.stream().map(Typed::node).toList()), ValueType.DOUBLE);
    }

    /**
     * A call of a row function of {@code io.gradgen.Functions} ({@code sum(x)}, {@code dot(a, b)}), or
     * null when {@code call} is something else. A typed null node means it was one but is wrong (reported).
     */
    private Typed rowFunction(MethodInvocationTree call) {
        ExpressionTree select = call.getMethodSelect();
        String name;
        TypeElement owner;
        if (select instanceof MemberSelectTree m) {
            name = m.getIdentifier().toString();
            owner = types.resolve(m.getExpression().toString());
        } else {
            name = ((IdentifierTree) select).getName().toString();
            owner = null;
            for (Element e = enclosing; e instanceof TypeElement t; e = e.getEnclosingElement()) {
                if (hasMethod(t, name)) {
                    return null; // the user's own method shadows the static import
                }
            }
            List<TypeElement> owners = types.staticImportOwners(name);
            owner = owners.isEmpty() ? null : owners.get(0);
        }
        if (owner == null || !owner.getQualifiedName().contentEquals(FUNCTIONS)) {
            return null;
        }
        RowFunction function = RowFunction.named(name, call.getArguments().size()).orElse(null);
        if (function == null) {
            return null;
        }
        List<String> rows = new ArrayList<>();
        for (ExpressionTree a : call.getArguments()) {
            if (a instanceof IdentifierTree id && parameters.get(id.getName().toString()) == ValueType.ROW
                    && local(id.getName().toString()) == null) {
                rows.add(id.getName().toString());
            } else {
                String takes = function.rows() == 1 ? "one double[] row" : function.rows() + " double[] rows of equal length";
                String example = "Functions." + name + (function.rows() == 1 ? "(logits)" : "(a, b)");
                problem(a, Message.ROW_ARGUMENT, "Functions." + name, takes + ", not " + a, example);
                return new Typed(null, ValueType.DOUBLE);
            }
        }
        return new Typed(new Node.RowCall(function, rows), ValueType.DOUBLE);
    }

    private static boolean hasMethod(TypeElement t, String name) {
        return t.getEnclosedElements().stream()
                .anyMatch(e -> e.getKind() == ElementKind.METHOD && e.getSimpleName().contentEquals(name));
    }

    private static String argTypes(List<Typed> args) {
        List<String> names = new ArrayList<>();
        for (Typed t : args) {
            names.add(t == null ? "?" : t.type().isIntegral() ? "int" : "double");
        }
        return String.join(", ", names);
    }

    static String supportedHere() {
        return "Math.{" + String.join(", ", Op.callNames(Op.Family.MATH)) + "}, io.gradgen.Functions.{"
                + String.join(", ", Op.callNames(Op.Family.FUNCTIONS)) + "} and its row functions {"
                + String.join(", ", RowFunction.names()) + "}, and static methods annotated @Differentiable";
    }

    private static String didYouMeanAnyFunction(String name) {
        String math = Suggestions.didYouMean(name, Op.callNames(Op.Family.MATH), "Math.");
        return !math.isEmpty() ? math : Suggestions.didYouMean(name, Op.callNames(Op.Family.FUNCTIONS), "Functions.");
    }

    private static String operatorText(Tree.Kind kind) {
        return switch (kind) {
            case POSTFIX_INCREMENT, PREFIX_INCREMENT -> "++";
            case POSTFIX_DECREMENT, PREFIX_DECREMENT -> "--";
            case AND -> "&";
            case OR -> "|";
            case XOR -> "^";
            case LEFT_SHIFT -> "<<";
            case RIGHT_SHIFT -> ">>";
            case UNSIGNED_RIGHT_SHIFT -> ">>>";
            case BITWISE_COMPLEMENT -> "~";
            default -> kind.name();
        };
    }

    private void problem(Tree tree, Message message, Object... args) {
        context.problems().add(Problem.at(tree, unit, message, args));
    }
}
