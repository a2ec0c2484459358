package io.gradgen.processor.plan;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.SourceVersion;

/** Hands out Java identifiers that are unique within one generated scope, preferring the suggested name. */
public final class NameAllocator {
    private final Set<String> taken = new HashSet<>();

    public NameAllocator(Iterable<String> reserved) {
        reserved.forEach(taken::add);
    }

    /** Marks a name as in use, e.g. a user's parameter name. */
    public void reserve(String name) {
        taken.add(name);
    }

    /** Whether {@code name} is reserved or was handed out. */
    public boolean isTaken(String name) {
        return taken.contains(name);
    }

    /** {@code suggestion} if free, else {@code suggestion2}, {@code suggestion3}, ... */
    public String allocate(String suggestion) {
        String base = SourceVersion.isIdentifier(suggestion) && !SourceVersion.isKeyword(suggestion)
                ? suggestion : "_" + suggestion.replaceAll("[^A-Za-z0-9_$]", "_");
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + i;
        }
        return name;
    }

    /** {@code pred → Pred}. */
    public static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
