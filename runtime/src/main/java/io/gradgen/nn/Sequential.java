package io.gradgen.nn;

import io.gradgen.DType;
import io.gradgen.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Modules applied one after another, like PyTorch's {@code nn.Sequential}:
 *
 * <pre>{@code
 * Module mlp = new Sequential(new Linear(1, 32, rng), new ReLU(), new Linear(32, 1, rng));
 * }</pre>
 */
public final class Sequential implements Module {

    private final List<Module> modules;

    /**
     * A chain of the given modules.
     *
     * @param modules the modules, applied in order; none gives the identity
     * @throws NullPointerException if a module is null
     */
    public Sequential(Module... modules) {
        Objects.requireNonNull(modules, "Sequential: modules is null");
        for (int i = 0; i < modules.length; i++) {
            Objects.requireNonNull(modules[i], "Sequential: module " + i + " is null");
        }
        this.modules = List.of(modules);
    }

    /**
     * Applies each module to the previous one's output.
     *
     * @param input the first module's input
     * @return the last module's output ({@code input} itself when there are no modules)
     */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = Objects.requireNonNull(input, "Sequential: input is null");
        for (Module m : modules) {
            x = m.forward(x);
        }
        return x;
    }

    /**
     * The parameters of every module, in module order.
     *
     * @return the concatenated parameter lists
     */
    @Override
    public List<Tensor> parameters() {
        List<Tensor> all = new ArrayList<>();
        for (Module m : modules) {
            all.addAll(m.parameters());
        }
        return List.copyOf(all);
    }

    /**
     * Converts the parameters of every module to {@code dtype} in place (see
     * {@link Module#to(DType)}).
     *
     * @param dtype the element type
     * @return this module
     */
    @Override
    public Sequential to(DType dtype) {
        Module.super.to(dtype);
        return this;
    }

    /**
     * The modules' parameters, each name prefixed with the module's index as
     * {@code torch.nn.Sequential} does: {@code 0.weight}, {@code 0.bias}, {@code 2.weight}, ...
     *
     * @return an unmodifiable, insertion-ordered map
     */
    @Override
    public Map<String, Tensor> stateDict() {
        return StateDicts.ofChildren(modules);
    }

    /**
     * The modules, in order.
     *
     * @return an unmodifiable list
     */
    public List<Module> modules() {
        return modules;
    }

    /**
     * As PyTorch prints it, one indexed module per line.
     *
     * @return e.g. {@code Sequential(\n  (0): Linear(...)\n  (1): ReLU()\n)}
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential(");
        for (int i = 0; i < modules.size(); i++) {
            String child = modules.get(i).toString().replace("\n", "\n  ");
            sb.append("\n  (").append(i).append("): ").append(child);
        }
        return sb.append(modules.isEmpty() ? ")" : "\n)").toString();
    }
}
