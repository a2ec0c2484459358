package io.gradgen.losses;

import static io.gradgen.Functions.lgamma;

import io.gradgen.annotations.Loss;
import io.gradgen.annotations.Param;

/**
 * Exact negative log-likelihoods where {@code torch.nn} approximates: {@link ExactPoissonNLLLoss}
 * is {@link PoissonNLLLoss} with {@code log k!} itself ({@code lgamma(k + 1)}) in place of
 * PyTorch's Stirling term, the value of {@code −torch.distributions.Poisson(rate).log_prob(k)}.
 * Element-wise, with a reduction like the rest of the catalogue.
 */
public final class LikelihoodLosses {
    private LikelihoodLosses() {
    }

    /**
     * The exact Poisson negative log-likelihood {@code λ − k·log λ + log k!}, with the rate
     * {@code λ = e^x} ({@code logInput}, the default) or {@code λ = x} (then {@code log(x + eps)}
     * as {@link PoissonNLLLoss} takes it), and {@code log k! = lgamma(k + 1)} for every count
     * {@code k ≥ 0}, also non-integral ones. It equals
     * {@code −torch.distributions.Poisson(rate).log_prob(k)} (for {@code eps = 0}); where
     * {@code PoissonNLLLoss(full=True)} adds Stirling's approximation
     * {@code k·log k − k + ½·log(2πk)} only for {@code k > 1}, this adds {@code log k!} exactly, so
     * the two differ by about {@code 1/(12k)} above 1 and by {@code log k!} at or below it. The
     * target's gradient is {@code ψ(k + 1) − log λ}.
     *
     * @param input the rate, or its log with {@code logInput}
     * @param target the observed count, {@code ≥ 0}
     * @param logInput whether the input is the log of the rate
     * @param eps added to the rate inside the log without {@code logInput}
     * @return the negative log of the Poisson probability of {@code target}
     */
    @Loss(name = "ExactPoissonNLLLoss")
    public static double exactPoissonNll(double input, double target, @Param(1) boolean logInput,
            @Param(1e-8) double eps) {
        double rateTerm = logInput ? Math.exp(input) - target * input : input - target * Math.log(input + eps);
        return rateTerm + lgamma(target + 1);
    }
}
