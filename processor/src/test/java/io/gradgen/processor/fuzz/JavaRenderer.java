package io.gradgen.processor.fuzz;

import io.gradgen.annotations.Reduction;
import io.gradgen.processor.fuzz.Ast.And;
import io.gradgen.processor.fuzz.Ast.Assign;
import io.gradgen.processor.fuzz.Ast.B;
import io.gradgen.processor.fuzz.Ast.Bin;
import io.gradgen.processor.fuzz.Ast.Call;
import io.gradgen.processor.fuzz.Ast.Cmp;
import io.gradgen.processor.fuzz.Ast.Compound;
import io.gradgen.processor.fuzz.Ast.Cond;
import io.gradgen.processor.fuzz.Ast.Decl;
import io.gradgen.processor.fuzz.Ast.E;
import io.gradgen.processor.fuzz.Ast.For;
import io.gradgen.processor.fuzz.Ast.Index;
import io.gradgen.processor.fuzz.Ast.Length;
import io.gradgen.processor.fuzz.Ast.Helper;
import io.gradgen.processor.fuzz.Ast.If;
import io.gradgen.processor.fuzz.Ast.Inject;
import io.gradgen.processor.fuzz.Ast.Named;
import io.gradgen.processor.fuzz.Ast.Neg;
import io.gradgen.processor.fuzz.Ast.Not;
import io.gradgen.processor.fuzz.Ast.Num;
import io.gradgen.processor.fuzz.Ast.Or;
import io.gradgen.processor.fuzz.Ast.Param;
import io.gradgen.processor.fuzz.Ast.Program;
import io.gradgen.processor.fuzz.Ast.Raw;
import io.gradgen.processor.fuzz.Ast.Ref;
import io.gradgen.processor.fuzz.Ast.Return;
import io.gradgen.processor.fuzz.Ast.S;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints programs as one Java class in package {@code fuzz}, many {@code @Loss} methods to a class
 * so that one javac run checks them all, and remembers on which lines each program and each
 * injected construct ended up.
 */
final class JavaRenderer {
    static final String PACKAGE = "fuzz";

    /** The class constants every batch declares, which programs may refer to by name. */
    static final Named SCALE = new Named("SCALE", 0.75, false);
    static final Named COUNT = new Named("COUNT", 3, true);
    static final Named PI = new Named("Math.PI", Math.PI, false);
    static final Named E = new Named("Math.E", Math.E, false);
    /** A {@code static final} constant set by a call, which the processor folds or reads at run time. */
    static final Named LOG_2PI = new Named("LOG_2PI", Math.log(2 * Math.PI), false);
    static final List<Named> CONSTANTS = List.of(SCALE, COUNT, PI, E, LOG_2PI);

    /** A plain static method without {@code @Differentiable}: calling it is a near miss. */
    static final String PLAIN_HELPER = "plainHelper";

    /**
     * The lines of one program in the rendered class.
     *
     * @param first its first line (helpers included)
     * @param last its last line
     * @param injected the lines that carry an injected construct
     */
    record Lines(int first, int last, List<Integer> injected) {
        boolean contains(long line) {
            return line >= first && line <= last;
        }
    }

    /** A rendered class. */
    record Rendered(String className, String source, Map<String, Lines> lines) {
        String qualifiedName() {
            return PACKAGE + "." + className;
        }

        /** The program whose lines include {@code line}, or null. */
        String programAt(long line) {
            for (Map.Entry<String, Lines> e : lines.entrySet()) {
                if (e.getValue().contains(line)) {
                    return e.getKey();
                }
            }
            return null;
        }
    }

    private final List<String> out = new ArrayList<>();
    private List<Integer> injected = new ArrayList<>();
    private String prefix = "";
    /** Whether this program calls {@code Functions} through the static import ({@code sq(x)}). */
    private boolean unqualified;

    private JavaRenderer() {}

    static Rendered render(String className, List<Program> programs) {
        JavaRenderer r = new JavaRenderer();
        r.line("package " + PACKAGE + ";");
        r.line("");
        r.line("import io.gradgen.Functions;");
        r.line("import io.gradgen.annotations.Differentiable;");
        r.line("import io.gradgen.annotations.Loss;");
        r.line("import io.gradgen.annotations.Param;");
        r.line("import io.gradgen.annotations.Reduction;");
        r.line("");
        r.line("import static io.gradgen.Functions.*;");
        r.line("");
        r.line("final class " + className + " {");
        r.line("    static final double SCALE = 0.75;");
        r.line("    static final int COUNT = 3;");
        r.line("    static final double LOG_2PI = Math.log(2 * Math.PI);");
        r.line("");
        r.line("    private " + className + "() {}");
        r.line("");
        r.line("    static double " + PLAIN_HELPER + "(double v) {");
        r.line("        return 2 * v;");
        r.line("    }");
        Map<String, Lines> lines = new LinkedHashMap<>();
        for (Program p : programs) {
            r.line("");
            int first = r.out.size() + 1;
            r.injected = new ArrayList<>();
            r.program(p);
            lines.put(p.name(), new Lines(first, r.out.size(), List.copyOf(r.injected)));
        }
        r.line("}");
        return new Rendered(className, String.join("\n", r.out) + "\n", lines);
    }

    private void program(Program p) {
        prefix = p.name() + "_";
        unqualified = (p.seed() >> 3 & 1) == 0;
        for (Helper h : p.helpers()) {
            line("    @Differentiable");
            List<String> params = new ArrayList<>();
            for (String name : h.params()) {
                params.add("double " + name);
            }
            line("    static double " + prefix + h.name() + "(" + String.join(", ", params) + ") {");
            block(h.body(), 2);
            line("    }");
            line("");
        }
        // a batch loss has no reduction: its body reduces the batch itself
        line("    " + (p.isBatch() || p.reduction() == Reduction.MEAN && p.seed() % 2 == 0 ? "@Loss"
                : "@Loss(reduction = Reduction." + p.reduction() + ")"));
        List<String> params = new ArrayList<>();
        for (Param param : p.params()) {
            params.add(param(param));
        }
        line("    static double " + p.name() + "(" + String.join(", ", params) + ") {");
        block(p.body(), 2);
        line("    }");
    }

    private static String param(Param p) {
        return switch (p.kind()) {
            case INPUT -> "double " + p.name();
            case LABEL -> "int " + p.name();
            case CONST_DOUBLE -> annotation(p, false) + "double " + p.name();
            case CONST_INT -> annotation(p, true) + "int " + p.name();
            case ROW -> "double[] " + p.name();
            case CONST_ROW -> "@Param double[] " + p.name();
            case MATRIX -> "double[][] " + p.name();
            case LABELS -> "int[] " + p.name();
        };
    }

    private static String annotation(Param p, boolean isInt) {
        if (p.defaultValue() == null) {
            return "@Param ";
        }
        double v = p.defaultValue();
        return "@Param(" + (isInt ? Integer.toString((int) v) : Double.toString(v)) + ") ";
    }

    private void block(List<S> body, int depth) {
        for (S s : body) {
            statement(s, depth);
        }
    }

    private void statement(S s, int depth) {
        String indent = "    ".repeat(depth);
        pendingInjections = 0;
        if (s instanceof Decl d) {
            line(indent + "double " + d.name() + " = " + expr(d.init(), 0) + ";");
        } else if (s instanceof Assign a) {
            line(indent + a.name() + " = " + expr(a.value(), 0) + ";");
        } else if (s instanceof Compound c) {
            line(indent + c.name() + " " + c.op() + "= " + expr(c.value(), 0) + ";");
        } else if (s instanceof Return r) {
            line(indent + "return " + expr(r.value(), 0) + ";");
        } else if (s instanceof Raw raw) {
            line(indent + raw.java());
            injected.add(out.size());
        } else if (s instanceof Ast.IntDecl d) {
            line(indent + "int " + d.name() + " = " + expr(d.value(), 0) + ";");
        } else if (s instanceof Ast.BoolDecl d) {
            line(indent + "boolean " + d.name() + " = " + cond(d.value(), 0) + ";");
        } else if (s instanceof Ast.NewArray a) {
            line(indent + "double[] " + a.name() + " = new double[" + a.lengthOf() + ".length];");
        } else if (s instanceof Ast.Store st) {
            line(indent + st.array() + "[" + expr(st.index(), 0) + "] = " + expr(st.value(), 0) + ";");
        } else if (s instanceof For f) {
            String to = f.to() == null ? f.array() + ".length" : expr(f.to(), 0);
            String bound = f.bound() == null ? f.var() + " < " + to : f.bound();
            String from = f.from() == null ? "0" : expr(f.from(), 0);
            line(indent + "for (int " + f.var() + " = " + from + "; " + bound + "; " + f.var() + "++) {");
            int head = out.size();
            block(f.body(), depth + 1);
            line(indent + "}");
            if (f.bound() != null) {
                // a bound past the row's end is reported at the reads it takes out of range
                for (int l = head; l <= out.size(); l++) {
                    injected.add(l);
                }
            }
            return;
        } else {
            ifChain((If) s, indent, depth, "if");
            return;
        }
        markInjections();
    }

    /** {@code if}, and {@code else if} when an else branch is a single if of its own. */
    private void ifChain(If i, String indent, int depth, String head) {
        line(indent + head + " (" + cond(i.condition(), 0) + ") {");
        markInjections();
        block(i.then(), depth + 1);
        if (i.otherwise().size() == 1 && i.otherwise().get(0) instanceof If nested) {
            ifChain(nested, indent, depth, "} else if");
            return;
        }
        if (!i.otherwise().isEmpty()) {
            line(indent + "} else {");
            block(i.otherwise(), depth + 1);
        }
        line(indent + "}");
    }

    /** Expression-level injections rendered since the last statement head, which belong to its line. */
    private int pendingInjections;

    private void markInjections() {
        if (pendingInjections > 0) {
            injected.add(out.size());
        }
        pendingInjections = 0;
    }

    private static int precedence(E e) {
        if (e instanceof Bin b) {
            return b.op() == '+' || b.op() == '-' ? 1 : 2;
        } else if (e instanceof Neg) {
            return 3;
        } else if (e instanceof Num n) {
            return n.value() < 0 || isNegativeZero(n.value()) ? 3 : 4;
        } else if (e instanceof Cond) {
            return 0;
        }
        return 4;
    }

    private static boolean isNegativeZero(double v) {
        return v == 0 && Double.doubleToRawLongBits(v) != 0;
    }

    /** {@code e} printed so that it binds at least as tightly as {@code context} requires. */
    String expr(E e, int context) {
        String text = bare(e);
        return precedence(e) < context ? "(" + text + ")" : text;
    }

    private String bare(E e) {
        if (e instanceof Num n) {
            return n.isInt() ? Integer.toString((int) n.value()) : Double.toString(n.value());
        } else if (e instanceof Ref r) {
            return r.name();
        } else if (e instanceof Named n) {
            return n.java();
        } else if (e instanceof Index x) {
            return x.array() + "[" + expr(x.index(), 0) + "]";
        } else if (e instanceof Length l) {
            return l.array() + ".length";
        } else if (e instanceof Ast.Row x) {
            return x.matrix() + "[" + expr(x.index(), 0) + "]";
        } else if (e instanceof Ast.Elem x) {
            return x.matrix() + "[" + expr(x.row(), 0) + "][" + expr(x.col(), 0) + "]";
        } else if (e instanceof Ast.RowLength x) {
            return x.matrix() + "[" + expr(x.row(), 0) + "].length";
        } else if (e instanceof Neg n) {
            E operand = n.operand();
            boolean startsWithMinus = operand instanceof Neg || precedence(operand) == 3;
            return "-" + (startsWithMinus ? "(" + bare(operand) + ")" : expr(operand, 3));
        } else if (e instanceof Bin b) {
            int p = b.op() == '+' || b.op() == '-' ? 1 : 2;
            return expr(b.left(), p) + " " + b.op() + " " + expr(b.right(), p + 1);
        } else if (e instanceof Call c) {
            List<String> args = new ArrayList<>();
            for (E a : c.args()) {
                args.add(expr(a, 0));
            }
            String name = Nodes.isHelperCall(c) ? prefix + c.function()
                    : unqualified && c.function().startsWith("Functions.") ? c.function().substring("Functions.".length())
                    : c.function();
            return name + "(" + String.join(", ", args) + ")";
        } else if (e instanceof Cond c) {
            return cond(c.condition(), 1) + " ? " + expr(c.then(), 1) + " : " + expr(c.otherwise(), 0);
        }
        Inject i = (Inject) e;
        pendingInjections++;
        return "(" + i.template().replace("%s", expr(i.inner(), 0)) + ")";
    }

    /**
     * Conditions: context 0 = anywhere, 1 = operand of ||, 2 = operand of &&, 3 = operand of !.
     * {@code &&} and {@code ||} are associative on side-effect-free operands, so only a looser
     * connective inside a tighter one needs parentheses.
     */
    private String cond(B b, int context) {
        if (b instanceof Cmp c) {
            String text = expr(c.left(), 1) + " " + c.op() + " " + expr(c.right(), 1);
            return context >= 3 ? "(" + text + ")" : text;
        } else if (b instanceof Ast.Flag f) {
            return f.name();
        } else if (b instanceof Not n) {
            return "!" + cond(n.operand(), 3);
        } else if (b instanceof And a) {
            String text = cond(a.left(), 2) + " && " + cond(a.right(), 2);
            return context >= 3 ? "(" + text + ")" : text;
        }
        Or o = (Or) b;
        String text = cond(o.left(), 1) + " || " + cond(o.right(), 1);
        return context >= 2 ? "(" + text + ")" : text;
    }

    private void line(String text) {
        out.add(text);
    }
}
