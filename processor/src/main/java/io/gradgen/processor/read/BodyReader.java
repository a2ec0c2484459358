package io.gradgen.processor.read;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import io.gradgen.processor.body.Stmt;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;

/**
 * Reads one method body (a loss or a helper) from javac's syntax trees into the resolved
 * {@link Stmt}/{@link io.gradgen.processor.body.Node} form. The work is split by concern:
 * {@link StatementReader} (statements and accumulation), {@link LoopReader} (loop forms),
 * {@link ExpressionReader} (expressions and types), {@link CallReader} (calls and helpers) and
 * {@link ConstantReader} (named constants), sharing one {@link BodyState}. Every construct it cannot
 * differentiate is reported at its own position, and reading goes on, so that all problems of a
 * method are reported together.
 */
final class BodyReader {
    private final StatementReader statements;

    BodyReader(ReadContext context, CompilationUnitTree unit, TypeElement enclosing, Map<String, ValueType> parameters,
            boolean returnsRow) {
        this.statements = new StatementReader(new BodyState(context, unit, enclosing, parameters, returnsRow));
    }

    List<Stmt> read(BlockTree body) {
        return statements.block(body.getStatements());
    }
}
