package io.gradgen.processor.read;

import com.sun.source.util.Trees;
import io.gradgen.processor.diagnostics.Problems;
import javax.lang.model.util.Elements;

/** What every body reader of one {@code @Loss} method shares: compiler services, its problems, its helpers. */
record ReadContext(Trees trees, Elements elements, Problems problems, HelperRegistry helpers) {
}
