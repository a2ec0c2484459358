package io.gradgen.processor.signature;

/** How a {@code @Loss} method's name becomes its generated class's name (API.md). */
public final class LossNames {
    private LossNames() {
    }

    /** {@code huber → HuberLoss}, {@code customLoss → CustomLoss}, {@code mse_loss → MseLoss}. */
    public static String derive(String methodName) {
        StringBuilder sb = new StringBuilder();
        boolean upper = true;
        for (char c : methodName.toCharArray()) {
            if (c == '_' || c == '$') {
                upper = true;
                continue;
            }
            sb.append(upper ? Character.toUpperCase(c) : c);
            upper = false;
        }
        String base = sb.toString();
        return base.endsWith("Loss") ? base : base + "Loss";
    }
}
