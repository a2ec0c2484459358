package io.gradgen.processor.helpers;

import io.gradgen.processor.diagnostics.Message;
import io.gradgen.processor.source.SourceUnreadable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The resource that carries {@code @Differentiable} helpers' bodies beside their class, so a loss
 * compiled against the class's jar can inline them: {@code <Class>.<method>.gradgen} in the class's
 * own package folder, next to {@code <Class>.class} ({@code lib/Smooth.logCosh.gradgen},
 * {@code lib/Smooth$Rows.entropy.gradgen} for a member class), one per class and method name, all
 * overloads in it. Not under {@code META-INF}: javac's file manager lists only folders whose names
 * are Java identifiers in a jar, so it would never find it there. It is UTF-8 text: header lines
 * {@code key value}, a blank line, then a Java compilation unit with the helpers' package, the
 * imports of their source file, and their classes (by simple name, nested as in the source) holding
 * the methods and the {@code static final} fields without a compile-time value, each copied
 * verbatim from the source.
 *
 * <p>The first line, {@code gradgen-helpers format N}, is the format's version: a gradgen that
 * reads another format says so instead of misreading a body.
 */
public final class HelperResource {
    /** The format this gradgen writes and reads. */
    public static final int FORMAT = 1;
    /** The resources' file name extension. */
    public static final String EXTENSION = ".gradgen";
    static final String MAGIC = "gradgen-helpers format ";
    static final String WRITTEN_BY = "written-by";
    static final String CLASS = "class";
    static final String METHOD = "method";

    private HelperResource() {
    }

    /**
     * The resource's name, relative to its class's package folder, for the helpers of one name.
     *
     * @param owner their class
     * @param method their name
     * @return {@code Smooth.logCosh.gradgen}, {@code Smooth$Rows.entropy.gradgen}
     */
    public static String name(TypeElement owner, CharSequence method) {
        StringBuilder name = new StringBuilder(owner.getSimpleName());
        for (Element e = owner.getEnclosingElement(); e instanceof TypeElement outer; e = e.getEnclosingElement()) {
            name.insert(0, outer.getSimpleName() + "$");
        }
        return name + "." + method + EXTENSION;
    }

    /**
     * The package a class's resources live in.
     *
     * @param elements the compiler's elements
     * @param owner a class
     * @return its package's name, empty for the unnamed package
     */
    public static String packageOf(Elements elements, TypeElement owner) {
        return elements.getPackageOf(owner).getQualifiedName().toString();
    }

    /**
     * The resource's text.
     *
     * @param binaryName the binary name of the helpers' class
     * @param method their name
     * @param unit the compilation unit that holds them
     * @return the text to write
     */
    static String render(String binaryName, String method, String unit) {
        return MAGIC + FORMAT + "\n" + WRITTEN_BY + " " + gradgenVersion() + "\n" + CLASS + " " + binaryName + "\n"
                + METHOD + " " + method + "\n\n" + unit;
    }

    /** A resource's header and its compilation unit. */
    record Parsed(Map<String, String> header, String unit) {
    }

    /**
     * Splits a resource into its header and unit, checking its format.
     *
     * @param text the resource's text
     * @param where the resource, for messages
     * @param shown the helper wanted, for messages
     * @return its parts
     * @throws SourceUnreadable when it is in another format or not a gradgen helper resource
     */
    static Parsed parse(String text, String where, String shown) throws SourceUnreadable {
        int firstLine = text.indexOf('\n');
        String magic = firstLine < 0 ? text : text.substring(0, firstLine);
        if (!magic.startsWith(MAGIC)) {
            throw corrupt(shown, where, "its first line is not '" + MAGIC + "N'");
        }
        int end = text.indexOf("\n\n");
        Map<String, String> header = new LinkedHashMap<>();
        for (String line : (end < 0 ? text : text.substring(0, end)).split("\n")) {
            int space = line.lastIndexOf(' ');
            header.put(line.startsWith(MAGIC) ? MAGIC : line.substring(0, Math.max(space, 0)),
                    line.substring(space + 1));
        }
        String format = header.get(MAGIC);
        if (!format.equals(String.valueOf(FORMAT))) {
            throw new SourceUnreadable(Message.HELPER_FORMAT_VERSION, shown, where,
                    header.getOrDefault(WRITTEN_BY, "(unknown version)"), format, gradgenVersion(), FORMAT);
        }
        if (end < 0 || !header.containsKey(CLASS) || !header.containsKey(METHOD)) {
            throw corrupt(shown, where, "its header lacks the class and method lines, or the blank line after them");
        }
        return new Parsed(header, text.substring(end + 2));
    }

    static SourceUnreadable corrupt(String shown, String where, String why) {
        return new SourceUnreadable(Message.HELPER_METADATA_CORRUPT, shown, where, why);
    }

    /** This gradgen's version, as its build recorded it. */
    static String gradgenVersion() {
        Properties properties = new Properties();
        try (InputStream in = HelperResource.class.getResourceAsStream("gradgen.properties")) {
            if (in == null) {
                return "(unknown version)";
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "(unknown version)");
    }
}
