package io.gradgen.processor.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Rewriter} that rebuilds each node from its rewritten operands, memoised so that every
 * distinct subexpression is rewritten once, and only above a change (an unchanged node is returned
 * as it is). A pass overrides the kinds of node it changes and leaves the rest to this walk, so the
 * walk is written once and a new kind of node is a compile error here, not a node some pass forgets.
 */
public abstract class ChildRewriter extends Rewriter {
    private final Map<Expr, Expr> memo = new HashMap<>();

    /** {@code e} rewritten. */
    public Expr apply(Expr e) {
        if (unchanged(e)) {
            return e;
        }
        Expr known = memo.get(e);
        if (known != null) {
            return known;
        }
        Expr out = e.accept(this);
        memo.put(e, out);
        return out;
    }

    /** Whether nothing in {@code e} can change, so the walk need not enter it; false by default. */
    protected boolean unchanged(Expr e) {
        return false;
    }

    /** Each of {@code operands} rewritten; the same list when none changes. */
    protected final List<Expr> applyAll(List<Expr> operands) {
        List<Expr> out = new ArrayList<>(operands.size());
        operands.forEach(x -> out.add(apply(x)));
        return out.equals(operands) ? operands : out;
    }

    @Override
    public Expr visitElem(Elem el) {
        List<Expr> indices = applyAll(el.indices());
        return indices == el.indices() ? el : new Elem(el.row(), indices);
    }

    @Override
    public Expr visitApply(Apply a) {
        List<Expr> args = applyAll(a.args());
        return args == a.args() ? a : new Apply(a.op(), args);
    }

    @Override
    public Expr visitSelect(Select s) {
        Expr c = apply(s.condition());
        Expr t = apply(s.ifTrue());
        Expr f = apply(s.ifFalse());
        return c.equals(s.condition()) && t.equals(s.ifTrue()) && f.equals(s.ifFalse()) ? s : new Select(c, t, f);
    }

    @Override
    public Expr visitReduce(Reduce r) {
        Expr from = apply(r.from());
        Expr to = apply(r.to());
        Expr body = apply(r.body());
        return from.equals(r.from()) && to.equals(r.to()) && body.equals(r.body()) ? r
                : new Reduce(r.kind(), r.index(), from, to, body);
    }

    @Override
    public Expr visitAttains(Attains a) {
        Expr reduction = apply(a.reduction());
        Expr at = apply(a.at());
        return reduction.equals(a.reduction()) && at.equals(a.at()) ? a : new Attains((Reduce) reduction, at);
    }

    @Override
    public Expr visitSoftmax(Softmax s) {
        Expr lse = apply(s.lse());
        Expr at = apply(s.at());
        return lse.equals(s.lse()) && at.equals(s.at()) ? s : new Softmax((Reduce) lse, at);
    }
}
