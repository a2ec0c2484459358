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
import java.util.List;

/**
 * A program as text, an s-expression, so that a shrunk failure can be stored as a regression file
 * and replayed through the same oracle (the sample points come from the stored seed):
 *
 * <pre>
 * (program p7 SUM 42
 *   (params (INPUT x0 1.0) (CONST_DOUBLE c0 1.5 -))
 *   (helper h0 (a0) (return (call Math.exp (ref a0))))
 *   (body (decl t0 (* (ref x0) (num 2.0))) (return (call Functions.sq (ref t0)))))
 * </pre>
 *
 * A row is {@code (ROW x scale length)}, a batch loss's {@code double[][]} {@code (MATRIX x scale
 * rows length)} and its {@code int[]} {@code (LABELS y rows classes)}; {@code x[a]} is
 * {@code (row x (ref a))}, {@code x[a][j]} {@code (elem x (ref a) (ref j))} and {@code x[a].length}
 * {@code (rowlength x (ref a))}. Lines starting with {@code ;} are comments.
 */
final class ProgramText {
    private ProgramText() {}

    // ------------------------------------------------------------------ printing

    static String print(Program p) {
        StringBuilder out = new StringBuilder();
        out.append("(program ").append(p.name()).append(' ').append(p.reduction()).append(' ').append(p.seed()).append('\n');
        out.append("  (params");
        for (Param q : p.params()) {
            out.append(" (").append(q.kind()).append(' ').append(q.name()).append(' ');
            if (q.kind() == Param.Kind.ROW) {
                out.append(q.scale()).append(' ').append(q.length());
            } else if (q.kind() == Param.Kind.MATRIX) {
                out.append(q.scale()).append(' ').append(q.rows()).append(' ').append(q.length());
            } else if (q.kind() == Param.Kind.LABELS) {
                out.append(q.rows()).append(' ').append((int) q.scale());
            } else if (q.kind() == Param.Kind.CONST_ROW) {
                out.append('(').append(String.join(" ", q.values().stream().map(String::valueOf).toList())).append(')');
            } else {
                out.append(q.isTensor() ? Double.toString(q.scale()) : q.testValue() + " "
                        + (q.defaultValue() == null ? "-" : q.defaultValue().toString()));
            }
            out.append(')');
        }
        out.append(")\n");
        for (Helper h : p.helpers()) {
            out.append("  (helper ").append(h.name()).append(" (").append(String.join(" ", h.params())).append(')');
            for (S s : h.body()) {
                out.append("\n    ").append(stmt(s, "    "));
            }
            out.append(")\n");
        }
        out.append("  (body");
        for (S s : p.body()) {
            out.append("\n    ").append(stmt(s, "    "));
        }
        return out.append("))\n").toString();
    }

    private static String stmt(S s, String indent) {
        if (s instanceof Decl d) {
            return "(decl " + d.name() + " " + expr(d.init()) + ")";
        } else if (s instanceof Assign a) {
            return "(assign " + a.name() + " " + expr(a.value()) + ")";
        } else if (s instanceof Compound c) {
            return "(compound " + c.name() + " " + c.op() + " " + expr(c.value()) + ")";
        } else if (s instanceof Return r) {
            return "(return " + expr(r.value()) + ")";
        } else if (s instanceof Raw r) {
            return "(raw " + quote(r.java()) + ")";
        } else if (s instanceof Ast.IntDecl d) {
            return "(intdecl " + d.name() + " " + expr(d.value()) + ")";
        } else if (s instanceof Ast.BoolDecl d) {
            return "(booldecl " + d.name() + " " + cond(d.value()) + ")";
        } else if (s instanceof Ast.NewArray a) {
            return "(newarray " + a.name() + " " + a.lengthOf() + ")";
        } else if (s instanceof Ast.Store st) {
            return "(store " + st.array() + " " + expr(st.index()) + " " + expr(st.value()) + ")";
        } else if (s instanceof For f) {
            String inner = indent + "  ";
            StringBuilder out = new StringBuilder("(for " + f.var() + " " + f.array() + " "
                    + (f.bound() == null ? "-" : quote(f.bound())));
            if (f.from() != null) {
                out.append(" (from ").append(expr(f.from())).append(')');
            }
            if (f.to() != null) {
                out.append(" (to ").append(expr(f.to())).append(')');
            }
            for (S b : f.body()) {
                out.append("\n").append(inner).append(stmt(b, inner));
            }
            return out.append(")").toString();
        }
        If i = (If) s;
        String inner = indent + "  ";
        StringBuilder out = new StringBuilder("(if " + cond(i.condition()) + "\n" + inner + "(");
        for (int k = 0; k < i.then().size(); k++) {
            out.append(k == 0 ? "" : "\n" + inner + " ").append(stmt(i.then().get(k), inner + " "));
        }
        out.append(")\n").append(inner).append('(');
        for (int k = 0; k < i.otherwise().size(); k++) {
            out.append(k == 0 ? "" : "\n" + inner + " ").append(stmt(i.otherwise().get(k), inner + " "));
        }
        return out.append("))").toString();
    }

    static String expr(E e) {
        if (e instanceof Num n) {
            return n.isInt() ? "(int " + (int) n.value() + ")" : "(num " + n.value() + ")";
        } else if (e instanceof Ref r) {
            return "(ref " + r.name() + ")";
        } else if (e instanceof Named n) {
            return "(named " + n.java() + ")";
        } else if (e instanceof Index x) {
            return "(index " + x.array() + " " + expr(x.index()) + ")";
        } else if (e instanceof Length l) {
            return "(length " + l.array() + ")";
        } else if (e instanceof Ast.Row x) {
            return "(row " + x.matrix() + " " + expr(x.index()) + ")";
        } else if (e instanceof Ast.Elem x) {
            return "(elem " + x.matrix() + " " + expr(x.row()) + " " + expr(x.col()) + ")";
        } else if (e instanceof Ast.RowLength x) {
            return "(rowlength " + x.matrix() + " " + expr(x.row()) + ")";
        } else if (e instanceof Neg n) {
            return "(neg " + expr(n.operand()) + ")";
        } else if (e instanceof Bin b) {
            return "(" + b.op() + " " + expr(b.left()) + " " + expr(b.right()) + ")";
        } else if (e instanceof Call c) {
            StringBuilder out = new StringBuilder("(call " + c.function());
            for (E a : c.args()) {
                out.append(' ').append(expr(a));
            }
            return out.append(')').toString();
        } else if (e instanceof Cond c) {
            return "(cond " + cond(c.condition()) + " " + expr(c.then()) + " " + expr(c.otherwise()) + ")";
        }
        Inject i = (Inject) e;
        return "(inject " + quote(i.template()) + " " + expr(i.inner()) + ")";
    }

    private static String cond(B b) {
        if (b instanceof Cmp c) {
            return "(" + c.op() + " " + expr(c.left()) + " " + expr(c.right()) + ")";
        } else if (b instanceof And a) {
            return "(and " + cond(a.left()) + " " + cond(a.right()) + ")";
        } else if (b instanceof Or o) {
            return "(or " + cond(o.left()) + " " + cond(o.right()) + ")";
        } else if (b instanceof Ast.Flag f) {
            return "(flag " + f.name() + ")";
        }
        return "(not " + cond(((Not) b).operand()) + ")";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // ------------------------------------------------------------------ parsing

    /** A quoted string atom. */
    private record Quoted(String text) {}

    static Program parse(String text) {
        List<Object> tokens = tokenize(text);
        int[] at = {0};
        Object tree = read(tokens, at);
        return program(list(tree));
    }

    private static List<Object> tokenize(String text) {
        List<Object> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ';') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '"') {
                StringBuilder s = new StringBuilder();
                i++;
                while (text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\') {
                        i++;
                    }
                    s.append(text.charAt(i++));
                }
                i++;
                tokens.add(new Quoted(s.toString()));
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '('
                        && text.charAt(i) != ')') {
                    i++;
                }
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }

    private static Object read(List<Object> tokens, int[] at) {
        Object t = tokens.get(at[0]++);
        if (!"(".equals(t)) {
            return t;
        }
        List<Object> items = new ArrayList<>();
        while (!")".equals(tokens.get(at[0]))) {
            items.add(read(tokens, at));
        }
        at[0]++;
        return items;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static String atom(Object o) {
        return (String) o;
    }

    private static Program program(List<Object> l) {
        if (!"program".equals(l.get(0))) {
            throw new IllegalArgumentException("not a program: " + l.get(0));
        }
        String name = atom(l.get(1));
        Reduction reduction = Reduction.valueOf(atom(l.get(2)));
        long seed = Long.parseLong(atom(l.get(3)));
        List<Param> params = new ArrayList<>();
        List<Helper> helpers = new ArrayList<>();
        List<S> body = new ArrayList<>();
        for (Object o : l.subList(4, l.size())) {
            List<Object> section = list(o);
            switch (atom(section.get(0))) {
                case "params" -> {
                    for (Object p : section.subList(1, section.size())) {
                        params.add(param(list(p)));
                    }
                }
                case "helper" -> {
                    List<String> names = new ArrayList<>();
                    for (Object n : list(section.get(2))) {
                        names.add(atom(n));
                    }
                    helpers.add(new Helper(atom(section.get(1)), names, stmts(section.subList(3, section.size()))));
                }
                case "body" -> body.addAll(stmts(section.subList(1, section.size())));
                default -> throw new IllegalArgumentException("unknown section " + section.get(0));
            }
        }
        return new Program(name, reduction, params, helpers, body, seed);
    }

    private static Param param(List<Object> l) {
        Param.Kind kind = Param.Kind.valueOf(atom(l.get(0)));
        String name = atom(l.get(1));
        if (kind == Param.Kind.ROW) {
            return Param.row(name, Integer.parseInt(atom(l.get(3))), Double.parseDouble(atom(l.get(2))));
        }
        if (kind == Param.Kind.MATRIX) {
            return Param.matrix(name, Integer.parseInt(atom(l.get(3))), Integer.parseInt(atom(l.get(4))),
                    Double.parseDouble(atom(l.get(2))));
        }
        if (kind == Param.Kind.LABELS) {
            return Param.labels(name, Integer.parseInt(atom(l.get(2))), Integer.parseInt(atom(l.get(3))));
        }
        if (kind == Param.Kind.CONST_ROW) {
            return Param.constRow(name, list(l.get(2)).stream().map(v -> Double.valueOf(atom(v))).toList());
        }
        if (kind == Param.Kind.INPUT || kind == Param.Kind.LABEL) {
            return new Param(name, kind, null, 0, Double.parseDouble(atom(l.get(2))));
        }
        String dflt = atom(l.get(3));
        return new Param(name, kind, dflt.equals("-") ? null : Double.valueOf(dflt), Double.parseDouble(atom(l.get(2))), 1);
    }

    private static List<S> stmts(List<Object> items) {
        List<S> out = new ArrayList<>();
        for (Object o : items) {
            out.add(stmt(list(o)));
        }
        return out;
    }

    private static S stmt(List<Object> l) {
        return switch (atom(l.get(0))) {
            case "decl" -> new Decl(atom(l.get(1)), expr(l.get(2)));
            case "assign" -> new Assign(atom(l.get(1)), expr(l.get(2)));
            case "compound" -> new Compound(atom(l.get(1)), atom(l.get(2)).charAt(0), expr(l.get(3)));
            case "return" -> new Return(expr(l.get(1)));
            case "raw" -> new Raw(((Quoted) l.get(1)).text());
            case "for" -> forLoop(l);
            case "intdecl" -> new Ast.IntDecl(atom(l.get(1)), expr(l.get(2)));
            case "booldecl" -> new Ast.BoolDecl(atom(l.get(1)), cond(list(l.get(2))));
            case "newarray" -> new Ast.NewArray(atom(l.get(1)), atom(l.get(2)));
            case "store" -> new Ast.Store(atom(l.get(1)), expr(l.get(2)), expr(l.get(3)));
            case "if" -> new If(cond(list(l.get(1))), stmts(list(l.get(2))), stmts(list(l.get(3))));
            default -> throw new IllegalArgumentException("unknown statement " + l.get(0));
        };
    }

    /** {@code (for i x - [(from E)] [(to E)] statements...)} */
    private static For forLoop(List<Object> l) {
        E from = null;
        E to = null;
        int at = 4;
        while (at < l.size() && l.get(at) instanceof List<?> item && (item.get(0).equals("from") || item.get(0).equals("to"))) {
            if (item.get(0).equals("from")) {
                from = expr(item.get(1));
            } else {
                to = expr(item.get(1));
            }
            at++;
        }
        return new For(atom(l.get(1)), atom(l.get(2)), l.get(3) instanceof Quoted q ? q.text() : null,
                stmts(l.subList(at, l.size())), from, to);
    }

    private static E expr(Object o) {
        List<Object> l = list(o);
        String head = atom(l.get(0));
        switch (head) {
            case "num":
                return new Num(Double.parseDouble(atom(l.get(1))), false);
            case "int":
                return new Num(Integer.parseInt(atom(l.get(1))), true);
            case "ref":
                return new Ref(atom(l.get(1)));
            case "index":
                return new Index(atom(l.get(1)), expr(l.get(2)));
            case "length":
                return new Length(atom(l.get(1)));
            case "row":
                return new Ast.Row(atom(l.get(1)), expr(l.get(2)));
            case "elem":
                return new Ast.Elem(atom(l.get(1)), expr(l.get(2)), expr(l.get(3)));
            case "rowlength":
                return new Ast.RowLength(atom(l.get(1)), expr(l.get(2)));
            case "named":
                if (l.get(1).equals(RowGenerator.NEGATIVE_INFINITY.java())) {
                    return RowGenerator.NEGATIVE_INFINITY;
                }
                if (l.get(1).equals(RowGenerator.POSITIVE_INFINITY.java())) {
                    return RowGenerator.POSITIVE_INFINITY;
                }
                return JavaRenderer.CONSTANTS.stream().filter(n -> n.java().equals(l.get(1))).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown constant " + l.get(1)));
            case "neg":
                return new Neg(expr(l.get(1)));
            case "+":
            case "-":
            case "*":
            case "/":
                return new Bin(head.charAt(0), expr(l.get(1)), expr(l.get(2)));
            case "call": {
                List<E> args = new ArrayList<>();
                for (Object a : l.subList(2, l.size())) {
                    args.add(expr(a));
                }
                return new Call(atom(l.get(1)), args);
            }
            case "cond":
                return new Cond(cond(list(l.get(1))), expr(l.get(2)), expr(l.get(3)));
            case "inject":
                return new Inject(((Quoted) l.get(1)).text(), expr(l.get(2)));
            default:
                throw new IllegalArgumentException("unknown expression " + head);
        }
    }

    private static B cond(List<Object> l) {
        String head = atom(l.get(0));
        return switch (head) {
            case "and" -> new And(cond(list(l.get(1))), cond(list(l.get(2))));
            case "or" -> new Or(cond(list(l.get(1))), cond(list(l.get(2))));
            case "not" -> new Not(cond(list(l.get(1))));
            case "flag" -> new Ast.Flag(atom(l.get(1)));
            default -> new Cmp(head, expr(l.get(1)), expr(l.get(2)));
        };
    }
}
