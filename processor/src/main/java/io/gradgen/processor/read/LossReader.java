package io.gradgen.processor.read;

import com.sun.source.tree.MethodTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.gradgen.processor.body.Body;
import io.gradgen.processor.diagnostics.Problems;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** The body-reading stage: a {@code @Loss} method's syntax tree becomes a resolved {@link Body}. */
public final class LossReader {
    private final Trees trees;
    private final Elements elements;

    public LossReader(Trees trees, Elements elements) {
        this.trees = trees;
        this.elements = elements;
    }

    /** The body, or null when problems were added (each at its own source position). */
    public Body read(ExecutableElement method, LossSignature signature, Problems problems) {
        MethodTree tree = trees.getTree(method);
        TreePath path = trees.getPath(method);
        if (tree == null || tree.getBody() == null || path == null) {
            problems.add(io.gradgen.processor.diagnostics.Problem.on(method,
                    io.gradgen.processor.diagnostics.Message.NO_SOURCE,
                    method.getEnclosingElement().getSimpleName() + "." + method.getSimpleName() + "()"));
            return null;
        }
        Map<String, ValueType> params = new LinkedHashMap<>();
        for (LossParameter p : signature.parameters()) {
            params.put(p.name(), switch (p.kind()) {
                case LABEL, CONSTANT_INT, LAST_INDEX -> ValueType.INT;
                case ROW, CONSTANT_ROW -> ValueType.ROW;
                case MATRIX -> ValueType.MATRIX;
                case LABELS -> ValueType.LABELS;
                case CONSTANT_BOOLEAN -> ValueType.BOOLEAN;
                case ELEMENT, CONSTANT_DOUBLE -> ValueType.DOUBLE;
            });
        }
        ReadContext context = new ReadContext(trees, elements, problems, new HelperRegistry());
        int before = problems.all().size();
        BodyReader reader = new BodyReader(context, path.getCompilationUnit(),
                (TypeElement) method.getEnclosingElement(), params, false);
        Body body = new Body(reader.read(tree.getBody()));
        return problems.all().size() > before ? null : body;
    }
}
