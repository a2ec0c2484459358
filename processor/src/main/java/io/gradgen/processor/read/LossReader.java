package io.gradgen.processor.read;

import io.gradgen.processor.body.Body;
import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.diagnostics.Problem;
import io.gradgen.processor.diagnostics.Problems;
import io.gradgen.processor.signature.LossParameter;
import io.gradgen.processor.signature.LossSignature;
import io.gradgen.processor.source.MethodSyntax;
import io.gradgen.processor.source.SourceTrees;
import io.gradgen.processor.source.SourceUnreadable;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** The body-reading stage: a {@code @Loss} method's syntax tree becomes a resolved {@link Body}. */
public final class LossReader {
    private final SourceTrees sources;
    private final Elements elements;

    /**
     * @param sources where method syntax comes from (javac's trees, or the source parsed apart)
     * @param elements the compiler's elements
     */
    public LossReader(SourceTrees sources, Elements elements) {
        this.sources = sources;
        this.elements = elements;
    }

    /** The body, or null when problems were added (each at its own source position). */
    public Body read(ExecutableElement method, LossSignature signature, Problems problems) {
        MethodSyntax syntax;
        try {
            syntax = sources.method(method);
        } catch (SourceUnreadable unreadable) {
            problems.add(Problem.on(method, unreadable.message(), unreadable.args()));
            return null;
        }
        if (syntax == null || syntax.tree().getBody() == null) {
            problems.add(Problem.on(method, Message.NO_SOURCE,
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
        ReadContext context = new ReadContext(sources, elements, problems, new HelperRegistry());
        int before = problems.all().size();
        BodyReader reader = new BodyReader(context, syntax.unit(),
                (TypeElement) method.getEnclosingElement(), params, false);
        Body body = new Body(reader.read(syntax.tree().getBody()));
        return problems.all().size() > before ? null : body;
    }
}
