package io.gradgen.processor.helpers;

import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import io.gradgen.processor.source.JdkParser;
import io.gradgen.processor.source.MethodSyntax;
import io.gradgen.processor.source.ParsedUnit;
import io.gradgen.processor.source.ParsedUnits;
import io.gradgen.processor.source.SourceUnreadable;
import io.gradgen.processor.source.TreeFinder;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Reads the bodies of {@code @Differentiable} helpers that come from class files (another
 * compilation, a jar) from the {@link HelperResource} gradgen wrote beside their class, on the
 * class path or, for a helper in a named module, the module path. The unit in it is parsed with the
 * JDK's parser, like any source gradgen parses itself.
 */
public final class HelperLibrary {
    private final Filer filer;
    private final Elements elements;
    private final ParsedUnits parsed;
    /** Units read so far, by resource name; a missing resource maps to null. */
    private final Map<String, ParsedUnit> units = new HashMap<>();
    /** The same units by class, to find the fields the helpers read. */
    private final Map<TypeElement, List<ParsedUnit>> byClass = new HashMap<>();

    /**
     * @param filer the compiler's filer, which reads the class path
     * @param elements the compiler's elements
     * @param parsed where the units parsed are remembered
     */
    public HelperLibrary(Filer filer, Elements elements, ParsedUnits parsed) {
        this.filer = filer;
        this.elements = elements;
        this.parsed = parsed;
    }

    /**
     * The syntax of a helper read from a class file.
     *
     * @param helper a method of a class read from a class file
     * @return its syntax, or null when its class carries no gradgen resource for it
     * @throws SourceUnreadable when the resource is of another format, or not as gradgen wrote it
     */
    public MethodSyntax method(ExecutableElement helper) throws SourceUnreadable {
        TypeElement owner = (TypeElement) helper.getEnclosingElement();
        String shown = owner.getSimpleName() + "." + helper.getSimpleName();
        ParsedUnit unit = unit(HelperResource.name(owner, helper.getSimpleName()), owner, shown);
        if (unit == null) {
            return null;
        }
        MethodTree tree = TreeFinder.method(unit.unit(), helper);
        if (tree == null || tree.getBody() == null) {
            throw HelperResource.corrupt(shown, unit.name(), "it has no body for " + shown + " with these parameters");
        }
        return new MethodSyntax(tree, unit.unit());
    }

    /**
     * A field's declaration, from the resources read for its class's helpers.
     *
     * @param field a static final field of a helper's class
     * @return its declaration, or null
     */
    public VariableTree field(VariableElement field) {
        for (ParsedUnit unit : byClass.getOrDefault((TypeElement) field.getEnclosingElement(), List.of())) {
            VariableTree tree = TreeFinder.field(unit.unit(), field);
            if (tree != null) {
                return tree;
            }
        }
        return null;
    }

    private ParsedUnit unit(String name, TypeElement owner, String shown) throws SourceUnreadable {
        String pkg = HelperResource.packageOf(elements, owner);
        String key = pkg + "/" + name;
        if (units.containsKey(key)) {
            return units.get(key);
        }
        FileObject file = find(pkg, name, owner);
        ParsedUnit unit = null;
        if (file != null) {
            String where = file.toUri().toString();
            String text;
            try (InputStream in = file.openInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw HelperResource.corrupt(shown, where, "reading it failed: " + e.getMessage());
            }
            HelperResource.Parsed resource = HelperResource.parse(text, where, shown);
            unit = parsed.add(JdkParser.parse(where, resource.unit(), shown));
            if (unit.errorIn(null) != null) {
                throw HelperResource.corrupt(shown, where, "its Java text does not parse (" + unit.errorIn(null).text() + ")");
            }
            byClass.computeIfAbsent(owner, k -> new ArrayList<>()).add(unit);
        }
        units.put(key, unit);
        return unit;
    }

    /** The resource on the class path, else on the module path in its class's module; null if absent. */
    private FileObject find(String pkg, String name, TypeElement owner) {
        FileObject file = resource(StandardLocation.CLASS_PATH, pkg, name);
        ModuleElement module = elements.getModuleOf(owner);
        if (file == null && module != null && !module.isUnnamed()) {
            file = resource(StandardLocation.MODULE_PATH, module.getQualifiedName() + "/" + pkg, name);
        }
        return file;
    }

    private FileObject resource(StandardLocation location, String moduleAndPackage, String name) {
        try {
            FileObject file = filer.getResource(location, moduleAndPackage, name);
            file.openInputStream().close(); // a file manager may hand out objects for files that are not there
            return file;
        } catch (FileNotFoundException | java.nio.file.NoSuchFileException absent) {
            return null;
        } catch (IOException | RuntimeException unavailable) {
            // IllegalArgumentException: the compiler has no such location (no module path, say)
            return null;
        }
    }
}
