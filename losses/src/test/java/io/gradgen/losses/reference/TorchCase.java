package io.gradgen.losses.reference;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gradgen.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case of {@code reference/torch-losses.json}: what PyTorch 2.7.1 computed for one loss, one
 * option combination and one reduction. The file's format is described in
 * {@code src/test/resources/reference/README.md}.
 *
 * @param id the case's unique, readable id, e.g. {@code huber_loss/delta=0.5/none/3x4}
 * @param loss the {@code torch.nn} class name, e.g. {@code HuberLoss}
 * @param variant {@code null}, or {@code class-indices} / {@code probabilities} / {@code zero-targets}
 * @param options every keyword option, defaults written out, under PyTorch's name
 * @param reduction {@code none}, {@code mean}, {@code sum} or {@code batchmean}
 * @param inputs the positional tensors, in the functional's order
 * @param upstream the gradient given to {@code output.backward}
 * @param output the loss PyTorch computed
 * @param grads the gradient of each differentiable input, by input name
 */
record TorchCase(String id, String loss, String variant, JsonObject options, String reduction, List<Input> inputs,
        Values upstream, Values output, Map<String, Values> grads) {

    static final String RESOURCE = "/reference/torch-losses.json";

    /** A tensor as the file stores it: its shape and its values, flat and row-major. */
    record Values(int[] shape, double[] values) {
        Tensor tensor() {
            return Tensor.of(values, shape);
        }

        static Values of(JsonObject o) {
            int[] shape = o.getAsJsonArray("shape").asList().stream().mapToInt(JsonElement::getAsInt).toArray();
            // the file prints float64 as %.17g, which Double.parseDouble (behind getAsDouble) reads back exactly
            double[] values = o.getAsJsonArray("values").asList().stream().mapToDouble(JsonElement::getAsDouble)
                    .toArray();
            return new Values(shape, values);
        }
    }

    /** A positional input; int64 class indices become a tensor of integral doubles, as gradgen's {@code int} inputs take them. */
    record Input(String name, boolean differentiable, Values values) {
    }

    static List<TorchCase> load() {
        try (InputStream in = TorchCase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                JsonObject root = JsonParser.parseReader(reader).getAsJsonObject();
                if (!"gradgen-torch-loss-reference".equals(root.get("format").getAsString())
                        || root.get("format_version").getAsInt() != 1) {
                    throw new IllegalStateException(RESOURCE + " is not format gradgen-torch-loss-reference version 1");
                }
                List<TorchCase> cases = new ArrayList<>();
                for (JsonElement e : root.getAsJsonArray("cases")) {
                    cases.add(of(e.getAsJsonObject()));
                }
                if (cases.size() != root.get("case_count").getAsInt()) {
                    throw new IllegalStateException(RESOURCE + ": case_count " + root.get("case_count")
                            + " but " + cases.size() + " cases");
                }
                return cases;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TorchCase of(JsonObject o) {
        List<Input> inputs = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("inputs")) {
            JsonObject i = e.getAsJsonObject();
            inputs.add(new Input(i.get("name").getAsString(), i.get("differentiable").getAsBoolean(), Values.of(i)));
        }
        Map<String, Values> grads = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> g : o.getAsJsonObject("grads").entrySet()) {
            grads.put(g.getKey(), Values.of(g.getValue().getAsJsonObject()));
        }
        return new TorchCase(o.get("id").getAsString(), o.get("loss").getAsString(),
                o.get("variant").isJsonNull() ? null : o.get("variant").getAsString(), o.getAsJsonObject("options"),
                o.get("reduction").getAsString(), inputs, Values.of(o.getAsJsonObject("upstream_grad")),
                Values.of(o.getAsJsonObject("output")), grads);
    }

    boolean has(String option) {
        return options.has(option);
    }

    /** Whether the option is given and not PyTorch's {@code None}. */
    boolean isSet(String option) {
        return options.has(option) && !options.get(option).isJsonNull();
    }

    double d(String option) {
        return options.get(option).getAsDouble();
    }

    int i(String option) {
        return options.get(option).getAsInt();
    }

    boolean b(String option) {
        return options.get(option).getAsBoolean();
    }

    /** A tensor option ({@code weight}, {@code pos_weight}) as a row, or null for {@code None}. */
    double[] row(String option) {
        return isSet(option) ? Values.of(options.getAsJsonObject(option)).values() : null;
    }

    @Override
    public String toString() {
        return id;
    }
}
