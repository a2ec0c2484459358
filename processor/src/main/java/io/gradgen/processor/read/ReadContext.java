package io.gradgen.processor.read;

import io.gradgen.processor.diagnostics.Problems;
import io.gradgen.processor.source.SourceTrees;
import javax.lang.model.util.Elements;

/** What every body reader of one {@code @Loss} method shares: compiler services, its problems, its helpers. */
record ReadContext(SourceTrees sources, Elements elements, Problems problems, HelperRegistry helpers) {
}
