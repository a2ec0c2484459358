package io.gradgen.nn;

import io.gradgen.Tensor;
import io.gradgen.autograd.GradMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The state dict logic shared by every {@link Module}: naming by index, prefixing, loading. */
final class StateDicts {

    private StateDicts() {
    }

    /** {@code "0"}, {@code "1"}, ... for the parameters of a module that does not name them. */
    static Map<String, Tensor> byIndex(List<Tensor> parameters) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            state.put(Integer.toString(i), parameters.get(i));
        }
        return Collections.unmodifiableMap(state);
    }

    /** The children's entries, each under {@code index + "."}, as {@code torch.nn.Sequential} names them. */
    static Map<String, Tensor> ofChildren(List<Module> children) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (int i = 0; i < children.size(); i++) {
            for (Map.Entry<String, Tensor> e : children.get(i).stateDict().entrySet()) {
                state.put(i + "." + e.getKey(), e.getValue());
            }
        }
        return Collections.unmodifiableMap(state);
    }

    /**
     * Copies {@code source} into {@code target}'s live tensors after checking all of it: every key
     * present on both sides, every shape equal. Nothing is written when anything is wrong.
     */
    static void load(Module module, Map<String, Tensor> target, Map<String, Tensor> source) {
        Objects.requireNonNull(source, "loadStateDict: state is null");
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> wrongShapes = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : target.entrySet()) {
            Tensor given = source.get(e.getKey());
            if (given == null) {
                missing.add(e.getKey() + (source.containsKey(e.getKey()) ? " (null)" : ""));
            } else if (!Arrays.equals(given.shape(), e.getValue().shape())) {
                wrongShapes.add(e.getKey() + ": " + Arrays.toString(given.shape()) + " in the state but "
                        + Arrays.toString(e.getValue().shape()) + " in the module"
                        + reshapeHint(e.getKey(), given.shape(), e.getValue().shape()));
            }
        }
        for (String key : source.keySet()) {
            if (!target.containsKey(key)) {
                unexpected.add(String.valueOf(key));
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !wrongShapes.isEmpty()) {
            StringBuilder sb = new StringBuilder("loadStateDict: the state does not fit ")
                    .append(module.getClass().getSimpleName()).append(", nothing was loaded:");
            append(sb, "missing keys", missing);
            append(sb, "unexpected keys", unexpected);
            append(sb, "wrong shapes", wrongShapes);
            sb.append("; the module's keys are ").append(target.keySet());
            throw new IllegalArgumentException(sb.toString());
        }
        GradMode.Scope scope = GradMode.disable();
        try {
            for (Map.Entry<String, Tensor> e : target.entrySet()) {
                e.getValue().copyInPlace(source.get(e.getKey()));
            }
        } finally {
            scope.close();
        }
    }

    private static void append(StringBuilder sb, String what, List<String> keys) {
        if (!keys.isEmpty()) {
            sb.append(sb.charAt(sb.length() - 1) == ':' ? " " : "; ").append(what).append(' ').append(keys);
        }
    }

    /** The call that fixes a shape a trailing dimension of 1 away from the wanted one. */
    private static String reshapeHint(String key, int[] given, int[] wanted) {
        boolean extraOne = given.length == wanted.length + 1 && given[wanted.length] == 1
                && Arrays.equals(Arrays.copyOf(given, wanted.length), wanted);
        boolean missingOne = wanted.length == given.length + 1 && wanted[given.length] == 1
                && Arrays.equals(Arrays.copyOf(wanted, given.length), given);
        if (!extraOne && !missingOne) {
            return "";
        }
        String dims = Arrays.toString(wanted);
        return " (call state.get(\"" + key + "\").reshape(" + dims.substring(1, dims.length() - 1) + "))";
    }
}
